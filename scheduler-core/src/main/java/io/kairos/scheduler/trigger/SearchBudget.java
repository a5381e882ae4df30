package io.kairos.scheduler.trigger;

import io.kairos.scheduler.input.InputText;

/**
 * The work one search of a combining trigger may do: every time a child trigger is asked for a fire time (and every
 * date a {@code calendarinterval} child walks) spends one step, at every nesting level, so that an {@code and} of
 * many children whose fire times never meet, or a deep nest of them, ends in bounded time with a
 * {@link TriggerSearchException} instead of running for seconds. Not thread-safe: one per search.
 */
final class SearchBudget {

    private final Trigger searched;

    private long left;

    /**
     * @param searched the trigger whose search this is, for the message
     * @param steps the steps allowed
     */
    SearchBudget(Trigger searched, long steps) {
        this.searched = searched;
        this.left = steps;
    }

    /**
     * Spends one step.
     *
     * @throws TriggerSearchException when none is left
     */
    void spend() {
        if (--this.left < 0) {
            throw new TriggerSearchException(InputText.shorten(this.searched) + " needed more than "
                    + CombiningTrigger.MAX_SEARCH_STEPS + " look-ups of its children to find its next fire time; the children's "
                    + "fire times may never coincide (an and of children that do not share a fire time), or there are too many "
                    + "of them: give fewer children or aligned start dates");
        }
    }
}
