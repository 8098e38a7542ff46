package dev.hexatask.infra;

import java.util.List;
import java.util.stream.Collectors;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.InstanceClass;
import software.amazon.awscdk.services.ec2.InstanceSize;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Everything that differs between the deployment stages, in one place. dev is cheap and disposable; prod is safe;
 * staging sits between them so a release rehearses prod's protections without prod's bill.
 */
public record StageSettings(
        String name,
        int natGateways,
        InstanceType databaseInstanceType,
        boolean databaseMultiAz,
        boolean deletionProtection,
        RemovalPolicy databaseRemovalPolicy,
        RemovalPolicy statefulRemovalPolicy,
        int databaseBackupDays,
        int databaseStorageGb,
        int databaseMaxStorageGb,
        int databaseMaxConnectionsAlarm,
        RetentionDays logRetention,
        int apiMemoryMb,
        Duration apiTimeout,
        int apiReservedConcurrency,
        double apiRateLimit,
        int apiBurstLimit,
        int apiLatencyP99AlarmMs,
        int budgetMonthlyUsd,
        int accessLogExpirationDays) {

    public static final StageSettings DEV = new StageSettings(
            "dev", 1, InstanceType.of(InstanceClass.BURSTABLE4_GRAVITON, InstanceSize.MICRO), false, false,
            RemovalPolicy.DESTROY, RemovalPolicy.DESTROY, 7, 20, 50, 60, RetentionDays.ONE_WEEK,
            1024, Duration.seconds(15), 10, 20, 40, 3000, 100, 14);

    public static final StageSettings STAGING = new StageSettings(
            "staging", 1, InstanceType.of(InstanceClass.BURSTABLE4_GRAVITON, InstanceSize.SMALL), false, true,
            RemovalPolicy.SNAPSHOT, RemovalPolicy.DESTROY, 7, 20, 100, 120, RetentionDays.ONE_MONTH,
            1536, Duration.seconds(15), 25, 50, 100, 2500, 150, 30);

    public static final StageSettings PROD = new StageSettings(
            "prod", 2, InstanceType.of(InstanceClass.BURSTABLE4_GRAVITON, InstanceSize.MEDIUM), true, true,
            RemovalPolicy.SNAPSHOT, RemovalPolicy.RETAIN, 14, 50, 200, 300, RetentionDays.SIX_MONTHS,
            2048, Duration.seconds(15), 100, 200, 400, 2000, 400, 365);

    public static final List<StageSettings> ALL = List.of(DEV, STAGING, PROD);

    /** The settings for a stage name given with {@code -c stage=...}. */
    public static StageSettings named(String name) {
        return ALL.stream()
                .filter(stage -> stage.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "Unknown stage '" + name + "': use -c stage=" + ALL.stream().map(StageSettings::name)
                                .collect(Collectors.joining("|"))));
    }

    public boolean isProd() {
        return name.equals(PROD.name);
    }

    /** Local frontends (Vite dev server, local stack) may sign in against dev only. */
    public boolean allowsLocalFrontends() {
        return name.equals(DEV.name);
    }
}
