package dev.hexatask.infra;

import java.util.List;
import java.util.Objects;
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

        public static Builder builder() {
            return new Builder();
        }

        /** Each value named where a stage is defined; every one must be given. */
        public static final class Builder {
            private InstanceType instanceType;
            private Boolean multiAz;
            private Boolean deletionProtection;
            private RemovalPolicy removalPolicy;
            private Integer backupDays;
            private Integer storageGb;
            private Integer maxStorageGb;
            private Integer connectionsAlarm;

            public Builder instanceType(InstanceType instanceType) {
                this.instanceType = instanceType;
                return this;
            }

            public Builder multiAz(boolean multiAz) {
                this.multiAz = multiAz;
                return this;
            }

            public Builder deletionProtection(boolean deletionProtection) {
                this.deletionProtection = deletionProtection;
                return this;
            }

            public Builder removalPolicy(RemovalPolicy removalPolicy) {
                this.removalPolicy = removalPolicy;
                return this;
            }

            public Builder backupDays(int backupDays) {
                this.backupDays = backupDays;
                return this;
            }

            public Builder storageGb(int storageGb) {
                this.storageGb = storageGb;
                return this;
            }

            public Builder maxStorageGb(int maxStorageGb) {
                this.maxStorageGb = maxStorageGb;
                return this;
            }

            public Builder connectionsAlarm(int connectionsAlarm) {
                this.connectionsAlarm = connectionsAlarm;
                return this;
            }

            public DatabaseSettings build() {
                return new DatabaseSettings(
                        required(instanceType, "instanceType"),
                        required(multiAz, "multiAz"),
                        required(deletionProtection, "deletionProtection"),
                        required(removalPolicy, "removalPolicy"),
                        required(backupDays, "backupDays"),
                        required(storageGb, "storageGb"),
                        required(maxStorageGb, "maxStorageGb"),
                        required(connectionsAlarm, "connectionsAlarm"));
            }
        }
    }

    /** Sizing of the API function and the API Gateway stage in front of it. */
    public record ApiSettings(
            int memoryMb,
            Duration timeout,
            int reservedConcurrency,
            double rateLimit,
            int burstLimit,
            int latencyP99AlarmMs) {

        public static Builder builder() {
            return new Builder();
        }

        /** Each value named where a stage is defined; every one must be given. */
        public static final class Builder {
            private Integer memoryMb;
            private Duration timeout;
            private Integer reservedConcurrency;
            private Double rateLimit;
            private Integer burstLimit;
            private Integer latencyP99AlarmMs;

            public Builder memoryMb(int memoryMb) {
                this.memoryMb = memoryMb;
                return this;
            }

            public Builder timeout(Duration timeout) {
                this.timeout = timeout;
                return this;
            }

            public Builder reservedConcurrency(int reservedConcurrency) {
                this.reservedConcurrency = reservedConcurrency;
                return this;
            }

            public Builder rateLimit(double rateLimit) {
                this.rateLimit = rateLimit;
                return this;
            }

            public Builder burstLimit(int burstLimit) {
                this.burstLimit = burstLimit;
                return this;
            }

            public Builder latencyP99AlarmMs(int latencyP99AlarmMs) {
                this.latencyP99AlarmMs = latencyP99AlarmMs;
                return this;
            }

            public ApiSettings build() {
                return new ApiSettings(
                        required(memoryMb, "memoryMb"),
                        required(timeout, "timeout"),
                        required(reservedConcurrency, "reservedConcurrency"),
                        required(rateLimit, "rateLimit"),
                        required(burstLimit, "burstLimit"),
                        required(latencyP99AlarmMs, "latencyP99AlarmMs"));
            }
        }
    }

    public static final StageSettings DEV = builder().name("dev").natGateways(1)
            .database(DatabaseSettings.builder().instanceType(graviton(InstanceSize.MICRO)).multiAz(false)
                    .deletionProtection(false).removalPolicy(RemovalPolicy.DESTROY).backupDays(7).storageGb(20)
                    .maxStorageGb(50).connectionsAlarm(60).build())
            .api(ApiSettings.builder().memoryMb(1024).timeout(Duration.seconds(15)).reservedConcurrency(10)
                    .rateLimit(20).burstLimit(40).latencyP99AlarmMs(3000).build())
            .logRetention(RetentionDays.ONE_WEEK).statefulRemovalPolicy(RemovalPolicy.DESTROY)
            .accessLogExpirationDays(14).budgetMonthlyUsd(100).build();

    public static final StageSettings STAGING = builder().name("staging").natGateways(1)
            .database(DatabaseSettings.builder().instanceType(graviton(InstanceSize.SMALL)).multiAz(false)
                    .deletionProtection(true).removalPolicy(RemovalPolicy.SNAPSHOT).backupDays(7).storageGb(20)
                    .maxStorageGb(100).connectionsAlarm(120).build())
            .api(ApiSettings.builder().memoryMb(1536).timeout(Duration.seconds(15)).reservedConcurrency(25)
                    .rateLimit(50).burstLimit(100).latencyP99AlarmMs(2500).build())
            .logRetention(RetentionDays.ONE_MONTH).statefulRemovalPolicy(RemovalPolicy.DESTROY)
            .accessLogExpirationDays(30).budgetMonthlyUsd(150).build();

    public static final StageSettings PROD = builder().name("prod").natGateways(2)
            .database(DatabaseSettings.builder().instanceType(graviton(InstanceSize.MEDIUM)).multiAz(true)
                    .deletionProtection(true).removalPolicy(RemovalPolicy.SNAPSHOT).backupDays(14).storageGb(50)
                    .maxStorageGb(200).connectionsAlarm(300).build())
            .api(ApiSettings.builder().memoryMb(2048).timeout(Duration.seconds(15)).reservedConcurrency(100)
                    .rateLimit(200).burstLimit(400).latencyP99AlarmMs(2000).build())
            .logRetention(RetentionDays.SIX_MONTHS).statefulRemovalPolicy(RemovalPolicy.RETAIN)
            .accessLogExpirationDays(365).budgetMonthlyUsd(400).build();

    public static final List<StageSettings> ALL = List.of(DEV, STAGING, PROD);

    public static Builder builder() {
        return new Builder();
    }

    /** Each value named where a stage is defined; every one must be given. */
    public static final class Builder {
        private String name;
        private Integer natGateways;
        private DatabaseSettings database;
        private ApiSettings api;
        private RetentionDays logRetention;
        private RemovalPolicy statefulRemovalPolicy;
        private Integer accessLogExpirationDays;
        private Integer budgetMonthlyUsd;

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder natGateways(int natGateways) {
            this.natGateways = natGateways;
            return this;
        }

        public Builder database(DatabaseSettings database) {
            this.database = database;
            return this;
        }

        public Builder api(ApiSettings api) {
            this.api = api;
            return this;
        }

        public Builder logRetention(RetentionDays logRetention) {
            this.logRetention = logRetention;
            return this;
        }

        public Builder statefulRemovalPolicy(RemovalPolicy statefulRemovalPolicy) {
            this.statefulRemovalPolicy = statefulRemovalPolicy;
            return this;
        }

        public Builder accessLogExpirationDays(int accessLogExpirationDays) {
            this.accessLogExpirationDays = accessLogExpirationDays;
            return this;
        }

        public Builder budgetMonthlyUsd(int budgetMonthlyUsd) {
            this.budgetMonthlyUsd = budgetMonthlyUsd;
            return this;
        }

        public StageSettings build() {
            return new StageSettings(
                    required(name, "name"),
                    required(natGateways, "natGateways"),
                    required(database, "database"),
                    required(api, "api"),
                    required(logRetention, "logRetention"),
                    required(statefulRemovalPolicy, "statefulRemovalPolicy"),
                    required(accessLogExpirationDays, "accessLogExpirationDays"),
                    required(budgetMonthlyUsd, "budgetMonthlyUsd"));
        }
    }

    private static <T> T required(T value, String name) {
        return Objects.requireNonNull(value, () -> name + " is not set");
    }

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
