package io.kairos.scheduler.boot.autoconfigure;

import java.util.Locale;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.ResolvableType;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when some {@code kairos.jobstores.<alias>.type} is {@code jdbc} (any case). The stores' other options are
 * not bound here: their errors are reported when the scheduler is built.
 */
class OnJdbcJobStoreCondition extends SpringBootCondition {

    private static final Bindable<Map<String, Map<String, String>>> STORES = Bindable.of(ResolvableType.forClassWithGenerics(
            Map.class, ResolvableType.forClass(String.class), ResolvableType.forClassWithGenerics(Map.class, String.class, String.class)));

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Map<String, String>> stores = Binder.get(context.getEnvironment()).bind("kairos.jobstores", STORES)
            .orElse(Map.of());
        return stores.entrySet().stream()
            .filter((store) -> "jdbc".equals(String.valueOf(store.getValue().get("type")).trim().toLowerCase(Locale.ROOT)))
            .findFirst()
            .map((store) -> ConditionOutcome.match("kairos.jobstores." + store.getKey() + ".type is jdbc"))
            .orElseGet(() -> ConditionOutcome.noMatch("no kairos.jobstores.<alias>.type is jdbc"));
    }
}
