package io.kairos.sample.order.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code sku} table. Stock changes are single conditional {@code UPDATE}s, so concurrent orders never drive
 * stock below zero. Thread-safe; joins the caller's transaction.
 */
@Repository
public class SkuRepository {

    private static final String COLUMNS = "id, name, price, stock, sales";

    private final JdbcClient jdbc;

    /**
     * Creates the repository.
     *
     * @param jdbc the application's JDBC client
     */
    public SkuRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Every SKU.
     *
     * @return a new list, ordered by id
     */
    public List<Sku> findAll() {
        return this.jdbc.sql("SELECT " + COLUMNS + " FROM sku ORDER BY id").query(Sku.class).list();
    }

    /**
     * One SKU.
     *
     * @param id the SKU id
     * @return the SKU, or empty when there is none with this id
     */
    public Optional<Sku> findById(long id) {
        return this.jdbc.sql("SELECT " + COLUMNS + " FROM sku WHERE id = ?").param(id).query(Sku.class).optional();
    }

    /**
     * The SKUs with the given ids; unknown ids are left out.
     *
     * @param ids the SKU ids, not empty
     * @return a new list, ordered by id
     */
    public List<Sku> findAllById(Collection<Long> ids) {
        return this.jdbc.sql("SELECT " + COLUMNS + " FROM sku WHERE id IN (:ids) ORDER BY id")
                .param("ids", ids).query(Sku.class).list();
    }

    /**
     * Takes units out of stock and counts them as sold, only when enough are in stock.
     *
     * @param id the SKU id
     * @param count units, positive
     * @return whether the stock was enough (and was taken); false also when the SKU does not exist
     */
    public boolean take(long id, int count) {
        return this.jdbc.sql("UPDATE sku SET stock = stock - ?, sales = sales + ? WHERE id = ? AND stock >= ?")
                .params(count, count, id, count).update() == 1;
    }

    /**
     * Puts units back into stock and takes them out of the sales (a cancelled order).
     *
     * @param id the SKU id
     * @param count units, positive
     * @throws IllegalStateException when the SKU does not exist (the foreign key of {@code order_goods} prevents it)
     */
    public void giveBack(long id, int count) {
        int updated = this.jdbc.sql("UPDATE sku SET stock = stock + ?, sales = sales - ? WHERE id = ?")
                .params(count, count, id).update();
        if (updated != 1) {
            throw new IllegalStateException("SKU " + id + " vanished while giving back " + count + " units");
        }
    }
}
