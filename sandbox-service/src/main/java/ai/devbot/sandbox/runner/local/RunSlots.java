package ai.devbot.sandbox.runner.local;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The places runs execute in at once. Slot {@code n} always runs as host uid {@code uidBase + n}, a uid of its
 * own, so the kernel's per-user process limit counts one run only, a run cannot signal or read another, and
 * "every process of the slot's uid" is exactly the run's process tree. A slot whose processes could not be
 * killed is retired rather than reused.
 */
final class RunSlots {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private final Deque<Integer> free = new ArrayDeque<>();
    private final int size;
    private int retired;

    RunSlots(int size) {
        this.size = size;
        for (int i = 0; i < size; i++) {
            free.add(i);
        }
    }

    /** A free slot, waiting up to {@code wait}; -1 when none came free in time. */
    int acquire(Duration wait) throws InterruptedException {
        long nanos = wait.toNanos();
        lock.lock();
        try {
            while (free.isEmpty()) {
                if (nanos <= 0) {
                    return -1;
                }
                nanos = freed.awaitNanos(nanos);
            }
            return free.poll();
        } finally {
            lock.unlock();
        }
    }

    void release(int slot) {
        lock.lock();
        try {
            free.add(slot);
            freed.signal();
        } finally {
            lock.unlock();
        }
    }

    /** The slot just acquired is never given back (its uid may still own processes or its tmpfs a mount). */
    void retire() {
        lock.lock();
        try {
            retired++;
        } finally {
            lock.unlock();
        }
    }

    int size() {
        return size;
    }

    int busy() {
        lock.lock();
        try {
            return size - retired - free.size();
        } finally {
            lock.unlock();
        }
    }

}
