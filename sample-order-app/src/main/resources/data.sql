-- A few SKUs, inserted only when absent, so a restart keeps the stock and sales the shop has reached.
INSERT INTO sku (id, name, price, stock, sales) SELECT 1, 'Green tea, 250 g', 12.50, 100, 0 WHERE NOT EXISTS (SELECT 1 FROM sku WHERE id = 1);
INSERT INTO sku (id, name, price, stock, sales) SELECT 2, 'Teapot', 39.00, 20, 0 WHERE NOT EXISTS (SELECT 1 FROM sku WHERE id = 2);
INSERT INTO sku (id, name, price, stock, sales) SELECT 3, 'Cup', 6.90, 50, 0 WHERE NOT EXISTS (SELECT 1 FROM sku WHERE id = 3);
INSERT INTO sku (id, name, price, stock, sales) SELECT 4, 'Limited edition tin', 25.00, 3, 0 WHERE NOT EXISTS (SELECT 1 FROM sku WHERE id = 4);
