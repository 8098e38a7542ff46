package dev.hexatask.javalin.wiring;

import dagger.Binds;
import dagger.Module;
import dev.hexatask.application.port.in.PurgeIdempotencyRecordsUseCase;
import dev.hexatask.application.service.IdempotencyRecordsPurge;

/** The housekeeping the server runs in the background (in AWS a schedule invokes the migrations function instead). */
@Module
public interface MaintenanceModule {

    @Binds
    PurgeIdempotencyRecordsUseCase purgeIdempotencyRecords(IdempotencyRecordsPurge purge);
}
