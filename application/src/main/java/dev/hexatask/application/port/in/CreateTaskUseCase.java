package dev.hexatask.application.port.in;

public interface CreateTaskUseCase {

    /** Success, Invalid, IdempotencyKeyReused or IdempotencyKeyInFlight. */
    Result<CreatedTask> create(CreateTaskCommand command);
}
