package dev.confab.server.chat;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/** Runs submitted tasks one at a time, in submission order, on a shared executor. Thread safe. */
public final class SerialExecutor implements Executor {
    private final Executor delegate;
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private boolean running;
    private final Executor inlineIfIdle = task -> {
        if (!tryRunInline(task)) {
            execute(task);
        }
    };

    public SerialExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            tasks.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        delegate.execute(this::runAll);
    }

    /**
     * Runs the task on the calling thread if nothing is queued or running, keeping submission order; false (and
     * nothing run) otherwise. Saves a thread handoff for quick work that arrives on an idle connection.
     */
    public boolean tryRunInline(Runnable task) {
        synchronized (this) {
            if (running) {
                return false;
            }
            running = true;
        }
        try {
            task.run();
        } catch (RuntimeException e) {
            // as in runAll
        }
        synchronized (this) {
            if (tasks.isEmpty()) {
                running = false;
                return true;
            }
        }
        delegate.execute(this::runAll);
        return true;
    }

    /** This executor, except that a task finding it idle runs at once on the submitting thread. */
    public Executor inlineIfIdle() {
        return inlineIfIdle;
    }

    private void runAll() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = tasks.poll();
                if (next == null) {
                    running = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                // CompletableFuture tasks capture their own failures; nothing else is submitted here.
            }
        }
    }
}
