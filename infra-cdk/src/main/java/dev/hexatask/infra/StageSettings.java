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
 *
 * @param natGateways one per AZ in prod so losing a zone does not cut the functions off the internet
 * @param statefulRemovalPolicy what happens to buckets, log groups and keys when the stack is destroyed
 * @param budgetMonthlyUsd default monthly budget, above the estimate in docs/cost.md
 */
public record StageSettings(
        String name,
        int natGateways,
        DatabaseSettings database,
        ApiSettings api,
        RetentionDays logRetention,
        RemovalPolicy statefulRemovalPolicy,
        int accessLogExpirationDays,
        int budgetMonthlyUsd) {

    /**
     * @param removalPolicy SNAPSHOT keeps the data when the stack (or the instance) is removed
     * @param connectionsAlarm about 80 % of the instance class's default max_connections
     */
    public record DatabaseSettings(
            InstanceType instanceType,
            boolean multiAz,
            boolean deletionProtection,
            RemovalPolicy removalPolicy,
            int backupDays,
            int storageGb,
            int maxStorageGb,
            int connectionsAlarm) {
    }

    /** Sizing of the API function and the API Gateway stage in front of it. */
    public record ApiSettings(
            int memoryMb,
            Duration timeout,
            int reservedConcurrency,
            double rateLimit,
            int burstLimit,
            int latencyP99AlarmMs) {
    }

    public static final StageSettings DEV = new StageSettings("dev", 1,
            new DatabaseSettings(graviton(InstanceSize.MICRO), false, false, RemovalPolicy.DESTROY, 7, 20, 50, 60),
            new ApiSettings(1024, Duration.seconds(15), 10, 20, 40, 3000),
            RetentionDays.ONE_WEEK, RemovalPolicy.DESTROY, 14, 100);

    public static final StageSettings STAGING = new StageSettings("staging", 1,
            new DatabaseSettings(graviton(InstanceSize.SMALL), false, true, RemovalPolicy.SNAPSHOT, 7, 20, 100, 120),
            new ApiSettings(1536, Duration.seconds(15), 25, 50, 100, 2500),
            RetentionDays.ONE_MONTH, RemovalPolicy.DESTROY, 30, 150);

    public static final StageSettings PROD = new StageSettings("prod", 2,
            new DatabaseSettings(graviton(InstanceSize.MEDIUM), true, true, RemovalPolicy.SNAPSHOT, 14, 50, 200, 300),
            new ApiSettings(2048, Duration.seconds(15), 100, 200, 400, 2000),
            RetentionDays.SIX_MONTHS, RemovalPolicy.RETAIN, 365, 400);

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

    private static InstanceType graviton(InstanceSize size) {
        return InstanceType.of(InstanceClass.BURSTABLE4_GRAVITON, size);
    }
}
