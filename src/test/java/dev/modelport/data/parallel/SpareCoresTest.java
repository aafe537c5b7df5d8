package dev.modelport.data.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SpareCoresTest {

    @Test
    void aPartTakenBackBeforeAHelperStartedItNeverRuns() {
        List<Runnable> handedOver = new ArrayList<>();
        SpareCores spare = new SpareCores(2, handedOver::add);
        AtomicBoolean ran = new AtomicBoolean();
        SpareCores.Part<String> part = spare.offer(() -> {
            ran.set(true);
            return "done";
        });
        assertThat(part.takeBack()).isTrue();
        handedOver.forEach(Runnable::run); // the helper gets to it late
        assertThat(ran).isFalse();
        assertThat(part.takeBack()).as("taken once").isFalse();
    }

    @Test
    void aPartAHelperStartedIsJoined() throws Exception {
        List<Runnable> handedOver = new ArrayList<>();
        SpareCores spare = new SpareCores(2, handedOver::add);
        SpareCores.Part<String> part = spare.offer(() -> "done");
        handedOver.forEach(Runnable::run);
        assertThat(part.takeBack()).as("the helper has it").isFalse();
        assertThat(part.join()).contains("done");
    }

    @Test
    void aPartThatFailsJoinsEmptyAndAnErrorIsRethrown() throws Exception {
        List<Runnable> handedOver = new ArrayList<>();
        SpareCores spare = new SpareCores(2, handedOver::add);
        SpareCores.Part<String> failing = spare.offer(() -> {
            throw new IllegalStateException("boom");
        });
        SpareCores.Part<String> broken = spare.offer(() -> {
            throw new StackOverflowError();
        });
        handedOver.forEach(Runnable::run);
        assertThat(failing.join()).isEmpty();
        assertThatThrownBy(broken::join).isInstanceOf(StackOverflowError.class);
    }

    @Test
    void aCancelledPartThatHadNotStartedNeverRuns() throws Exception {
        List<Runnable> handedOver = new ArrayList<>();
        SpareCores spare = new SpareCores(2, handedOver::add);
        AtomicBoolean ran = new AtomicBoolean();
        SpareCores.Part<String> part = spare.offer(() -> {
            ran.set(true);
            return "done";
        });
        part.cancel();
        handedOver.forEach(Runnable::run);
        assertThat(ran).isFalse();
        assertThat(part.join()).isEqualTo(Optional.empty());
    }

    @Test
    void cancellingARunningPartInterruptsItsHelperAndOnlyThatPart() throws Exception {
        try (SpareCores spare = new SpareCores(2)) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch interrupted = new CountDownLatch(1);
            SpareCores.Part<String> part = offerWhenIdle(spare, () -> {
                started.countDown();
                try {
                    new CountDownLatch(1).await(); // waits until interrupted
                    return "never";
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    throw e;
                }
            });
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            part.cancel();
            assertThat(interrupted.await(30, TimeUnit.SECONDS)).as("the helper was interrupted").isTrue();
            assertThat(part.join()).isEmpty();
            // the same helper's next part starts uninterrupted
            SpareCores.Part<Boolean> next = offerWhenIdle(spare, () -> Thread.currentThread().isInterrupted());
            assertThat(next.join()).contains(false);
        }
    }

    @Test
    void oneCallerUsesEveryCoreAndNoMore() throws Exception {
        try (SpareCores spare = new SpareCores(3)) {
            CyclicBarrier allThree = new CyclicBarrier(3);
            Set<String> threads = ConcurrentHashMap.newKeySet();
            CountDownLatch release = new CountDownLatch(1);
            List<SpareCores.Part<Boolean>> parts = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                parts.add(offerWhenIdle(spare, () -> {
                    threads.add(Thread.currentThread().getName());
                    allThree.await(30, TimeUnit.SECONDS);
                    return release.await(30, TimeUnit.SECONDS);
                }));
            }
            allThree.await(30, TimeUnit.SECONDS); // the caller and both helpers run at once
            assertThat(threads).hasSize(2).allMatch(name -> name.startsWith("spare-core-"));
            assertThat(spare.offer(() -> true)).as("no third helper: the caller does it").isNull();
            release.countDown();
            for (SpareCores.Part<Boolean> part : parts) {
                assertThat(part.join()).contains(true);
            }
        }
    }

    @Test
    void oneCoreLendsNothing() {
        assertThat(SpareCores.none().cores()).isEqualTo(1);
        assertThat(SpareCores.none().offer(() -> "x")).isNull();
        assertThatThrownBy(() -> new SpareCores(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bigWorkIsCountedPerInstance() {
        SpareCores one = new SpareCores(2);
        SpareCores other = new SpareCores(2);
        assertThat(one.startBigWork()).isZero();
        assertThat(one.startBigWork()).isEqualTo(1);
        assertThat(other.startBigWork()).as("another model's spare cores").isZero();
        one.endBigWork();
        one.endBigWork();
        assertThat(one.startBigWork()).isZero();
        one.close();
        other.close();
    }

    /** Offers until a helper takes the part: a helper thread that just finished one part may not be waiting for the next yet. */
    private static <T> SpareCores.Part<T> offerWhenIdle(SpareCores spare, java.util.concurrent.Callable<T> work) throws InterruptedException {
        for (;;) {
            SpareCores.Part<T> part = spare.offer(work);
            if (part != null) {
                return part;
            }
            Thread.onSpinWait();
        }
    }
}
