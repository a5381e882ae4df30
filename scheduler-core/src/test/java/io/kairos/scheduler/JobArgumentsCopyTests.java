package io.kairos.scheduler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link JobRequest} and {@link JobChanges} keep their arguments and trigger spec to themselves: what a getter
 * returns cannot be changed, and changing what was given to a setter afterwards does not change the request.
 */
class JobArgumentsCopyTests {

    @Test
    void requestKwargsAddedOneByOneCannotBeChangedThroughTheGetter() {
        JobRequest request = JobRequest.of("jobs.run").kwarg("a", 1).kwarg("b", null);
        Map<String, Object> kwargs = request.kwargs();
        assertThatThrownBy(() -> kwargs.put("c", 3)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> kwargs.remove("a")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(kwargs::clear).isInstanceOf(UnsupportedOperationException.class);
        request.kwarg("a", 2);
        assertThat(request.kwargs().keySet()).containsExactly("a", "b");
        assertThat(request.kwargs()).containsEntry("a", 2).containsEntry("b", null);
    }

    @Test
    void requestKwargsGivenAsAMapAreCopiedAndCannotBeChangedThroughTheGetter() {
        Map<String, Object> given = new LinkedHashMap<>(Map.of("a", 1));
        JobRequest request = JobRequest.of("jobs.run").kwargs(given);
        given.put("b", 2);
        assertThat(request.kwargs()).containsExactly(Map.entry("a", 1));
        assertThatThrownBy(() -> request.kwargs().put("c", 3)).isInstanceOf(UnsupportedOperationException.class);
        request.kwarg("b", 2);
        assertThat(request.kwargs()).containsExactly(Map.entry("a", 1), Map.entry("b", 2));
        assertThat(given).containsOnlyKeys("a", "b");
    }

    @Test
    void requestArgsAndTriggerSpecCannotBeChangedThroughTheGetters() {
        List<Object> args = new ArrayList<>(List.of(1, 2, 3));
        Map<String, Object> spec = new HashMap<>(Map.of("type", "interval", "seconds", 5));
        JobRequest request = JobRequest.of("jobs.run").args(args).trigger(spec);
        args.add(4);
        spec.put("seconds", 6);
        assertThat(request.args()).containsExactly(1, 2, 3);
        assertThat(request.trigger()).isEqualTo(Map.of("type", "interval", "seconds", 5));
        assertThatThrownBy(() -> request.args().add(4)).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> triggerSpec = (Map<String, Object>) request.trigger();
        assertThatThrownBy(() -> triggerSpec.put("seconds", 7)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nestedSpecsOfAnAndTriggerAreCopiedAndCannotBeChangedThroughTheGetter() {
        Map<String, Object> child = new HashMap<>(Map.of("type", "interval", "seconds", 5));
        List<Object> children = new ArrayList<>(List.of(child));
        Map<String, Object> spec = new LinkedHashMap<>(Map.of("type", "and", "triggers", children));
        JobRequest request = JobRequest.of("jobs.run").trigger(spec);
        JobChanges changes = JobChanges.create().trigger(spec);
        child.put("seconds", 6);
        children.add(Map.of("type", "interval", "seconds", 7));
        Map<String, Object> expected = Map.of("type", "and", "triggers", List.of(Map.of("type", "interval", "seconds", 5)));
        assertThat(request.trigger()).isEqualTo(expected);
        assertThat(changes.trigger()).isEqualTo(expected);
        @SuppressWarnings("unchecked")
        List<Object> copiedChildren = (List<Object>) ((Map<String, Object>) request.trigger()).get("triggers");
        @SuppressWarnings("unchecked")
        Map<String, Object> copiedChild = (Map<String, Object>) copiedChildren.get(0);
        assertThatThrownBy(() -> copiedChildren.add(Map.of())).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> copiedChild.put("seconds", 8)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aTriggerSpecThatContainsItselfIsRefused() {
        Map<String, Object> spec = new HashMap<>(Map.of("type", "and"));
        spec.put("triggers", List.of(spec));
        assertThatThrownBy(() -> JobRequest.of("jobs.run").trigger(spec)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 levels");
    }

    @Test
    void changesArgsKwargsAndTriggerSpecCannotBeChangedThroughTheGetters() {
        Object[] args = {1, null};
        Map<String, Object> kwargs = new LinkedHashMap<>(Map.of("a", 1));
        JobChanges changes = JobChanges.create().args(args).kwargs(kwargs).trigger(Map.of("type", "interval", "seconds", 5));
        args[0] = 9;
        kwargs.put("b", 2);
        assertThat(changes.args()).containsExactly(1, null);
        assertThat(changes.kwargs()).containsExactly(Map.entry("a", 1));
        assertThatThrownBy(() -> changes.args().set(0, 2)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> changes.kwargs().put("b", 2)).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> triggerSpec = (Map<String, Object>) changes.trigger();
        assertThatThrownBy(() -> triggerSpec.remove("type")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void unsetChangesStayNullAndRequestDefaultsAreEmpty() {
        JobChanges changes = JobChanges.create();
        assertThat(changes.args()).isNull();
        assertThat(changes.kwargs()).isNull();
        assertThat(changes.trigger()).isNull();
        assertThat(changes.isNextRunTimeSet()).isFalse();
        JobRequest request = JobRequest.of("jobs.run");
        assertThat(request.args()).isEmpty();
        assertThat(request.kwargs()).isEmpty();
        assertThat(request.trigger()).isNull();
    }
}
