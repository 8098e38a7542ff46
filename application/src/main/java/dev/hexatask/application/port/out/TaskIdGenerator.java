package dev.hexatask.application.port.out;

import dev.hexatask.domain.task.TaskId;

/** Hands out new task ids: unique, and increasing over time so that ids sort roughly by creation. */
public interface TaskIdGenerator {

    TaskId next();
}
