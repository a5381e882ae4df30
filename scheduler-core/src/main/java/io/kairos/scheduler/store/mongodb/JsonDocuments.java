package io.kairos.scheduler.store.mongodb;

import io.kairos.scheduler.store.JobDecodeException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.bson.types.Decimal128;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Converts the job codec's JSON text to a BSON document and back, value by value, so that the stored job is a
 * document a person can query ({@code {"job.task": "..."}}) and never Java serialisation. Integers stay 32- or 64-bit
 * integers, larger ones become {@code Decimal128} (up to 34 digits), fractions doubles; key order is kept. JSON that a
 * document cannot hold faithfully (a key that starts with {@code $}, contains {@code .} or a NUL character, an integer
 * of more than 34 digits) is not converted: the caller stores the text instead. MongoDB's extended JSON is not used,
 * so an argument such as {@code {"$date": 1}} is never read as a date. Thread-safe.
 */
final class JsonDocuments {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** Reads decimals as {@code BigDecimal}, so a decimal a {@code double} cannot hold exactly is noticed. */
    private static final ObjectReader READER = MAPPER.readerFor(Object.class)
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static final int MAX_DECIMAL_DIGITS = 34;

    private JsonDocuments() {
    }

    /**
     * The document for a JSON object.
     *
     * @param json a JSON object, as the codec writes it
     * @return the document, or {@code null} when the JSON holds something a document cannot carry faithfully
     * @throws IllegalArgumentException when the text is not a JSON object
     */
    static @Nullable Document toDocument(String json) {
        return toDocument(json, false);
    }

    /**
     * The document for a JSON object.
     *
     * @param json a JSON object, as the codec writes it
     * @param exactDecimals whether a decimal that a {@code double} cannot hold exactly makes the JSON not storable
     *     as a document ({@code null}, so the caller keeps the text); {@code false} stores its nearest double
     * @return the document, or {@code null} when the JSON holds something a document cannot carry faithfully
     * @throws IllegalArgumentException when the text is not a JSON object
     */
    static @Nullable Document toDocument(String json, boolean exactDecimals) {
        Object tree = READER.readValue(json);
        if (!(tree instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("the job codec wrote JSON that is not an object");
        }
        try {
            return (Document) bson(map, exactDecimals);
        }
        catch (NotStorable ex) {
            return null;
        }
    }

    /**
     * The JSON text of a stored document.
     *
     * @param document the {@code job} sub-document
     * @return the JSON
     * @throws JobDecodeException when the document holds a BSON type JSON has no form for (a date or an object id
     *     written by hand, say)
     */
    static String toJson(Document document) {
        return MAPPER.writeValueAsString(plain(document));
    }

    private static Object bson(Object value, boolean exactDecimals) {
        if (value instanceof Map<?, ?> map) {
            Document document = new Document();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = (String) entry.getKey();
                if (key.startsWith("$") || key.indexOf('.') >= 0 || key.indexOf('\0') >= 0) {
                    throw new NotStorable();
                }
                document.append(key, bson(entry.getValue(), exactDecimals));
            }
            return document;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object element : list) {
                out.add(bson(element, exactDecimals));
            }
            return out;
        }
        if (value instanceof BigInteger big) {
            if (big.bitLength() < 64) {
                return big.longValue();
            }
            if (big.abs().toString().length() > MAX_DECIMAL_DIGITS) {
                throw new NotStorable();
            }
            return new Decimal128(new BigDecimal(big));
        }
        if (value instanceof BigDecimal decimal) {
            double d = decimal.doubleValue();
            if (exactDecimals && (!Double.isFinite(d) || new BigDecimal(Double.toString(d)).compareTo(decimal) != 0)) {
                // a double would lose digits: keep the job as JSON text, which keeps them
                throw new NotStorable();
            }
            return d;
        }
        return value;
    }

    private static Object plain(Object value) {
        if (value instanceof Document document) {
            Map<String, Object> map = new LinkedHashMap<>();
            document.forEach((key, element) -> map.put(key, plain(element)));
            return map;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object element : list) {
                out.add(plain(element));
            }
            return out;
        }
        if (value instanceof Decimal128 decimal) {
            BigDecimal number = decimal.bigDecimalValue();
            return number.scale() <= 0 ? number.toBigIntegerExact() : number;
        }
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Double) {
            return value;
        }
        throw new JobDecodeException(null, "the stored job data holds a " + value.getClass().getSimpleName()
                + ", which has no JSON form", null);
    }

    /** Thrown inside {@link #bson} when a value cannot be stored faithfully. */
    private static final class NotStorable extends RuntimeException {

        private static final long serialVersionUID = 1L;

        NotStorable() {
            super(null, null, false, false);
        }
    }
}
