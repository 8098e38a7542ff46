package dev.hexatask.application.port.out;

/** How many tasks a user has in each status, and how many of the open ones are overdue. */
public record TaskCounts(long todo, long inProgress, long done, long overdue) {

    public TaskCounts {
        if (todo < 0 || inProgress < 0 || done < 0 || overdue < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
        if (overdue > todo + inProgress) {
            throw new IllegalArgumentException("only open tasks can be overdue");
        }
    }

    public long total() {
        return todo + inProgress + done;
    }
}
