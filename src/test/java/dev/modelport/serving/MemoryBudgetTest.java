package dev.modelport.serving;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemoryBudgetTest {
    private final MemoryBudget budget = new MemoryBudget(1000, 10_000);

    @Test
    void smallBodiesAreNeverWeighed() {
        MemoryBudget.Ticket big = budget.admit(2500); // 10,000 bytes: the whole budget
        assertThat(budget.admit(999)).isNotNull();
        big.release();
    }

    @Test
    void aBigBodyPastTheBudgetWaitsForTheOthersAndTheBudgetComesBackOnce() {
        MemoryBudget.Ticket first = budget.admit(1500); // 6,000
        assertThat(budget.admit(1500)).as("12,000 of 10,000").isNull();
        MemoryBudget.Ticket second = budget.admit(1000); // 10,000
        assertThat(second).isNotNull();
        first.release();
        first.release(); // a second release gives nothing back
        assertThat(budget.admit(1500)).as("4,000 + 6,000").isNotNull();
        assertThat(budget.admit(1000)).isNull();
    }

    @Test
    void aBodyBiggerThanTheWholeBudgetIsScoredWhenNoOtherIs() {
        MemoryBudget.Ticket huge = budget.admit(1_000_000);
        assertThat(huge).isNotNull();
        assertThat(budget.admit(1000)).isNull();
        huge.release();
        assertThat(budget.admit(1000)).isNotNull();
    }
}
