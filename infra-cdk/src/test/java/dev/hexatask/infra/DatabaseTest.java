package dev.hexatask.infra;

import static dev.hexatask.infra.Templates.getAtt;
import static dev.hexatask.infra.Templates.logicalId;
import static dev.hexatask.infra.Templates.ref;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awscdk.assertions.Match;

class DatabaseTest {

    @Test
    @SuppressWarnings("unchecked")
    void postgres17InIsolatedSubnetsEncryptedWithTheRotatingCustomerKey() {
        var dev = Synth.stage("dev");
        var template = dev.template();
        var key = logicalId(dev.stack().database().key());
        template.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
        template.hasResourceProperties("AWS::RDS::DBInstance", Match.objectLike(Map.of(
                "Engine", "postgres",
                "EngineVersion", Match.stringLikeRegexp("^17(\\..*)?$"),
                "StorageEncrypted", true,
                "KmsKeyId", getAtt(key, "Arn"),
                "PubliclyAccessible", false,
                "EnableIAMDatabaseAuthentication", true,
                "EnablePerformanceInsights", true,
                "PerformanceInsightsKMSKeyId", getAtt(key, "Arn"),
                "MonitoringInterval", 60,
                "EnableCloudwatchLogsExports", List.of("postgresql", "upgrade"))));

        var subnetGroup = Templates.properties(Templates.onlyResource(template, "AWS::RDS::DBSubnetGroup"));
        var isolated = dev.stack().network().vpc().getIsolatedSubnets().stream()
                .map(subnet -> ref(logicalId(subnet))).toList();
        assertThat((List<Object>) subnetGroup.get("SubnetIds")).containsExactlyInAnyOrderElementsOf(List.copyOf(isolated));
    }

    @Test
    void parameterGroupForcesTlsAndKeepsBoundValuesOutOfTheLogs() {
        Synth.stage("dev").template().hasResourceProperties("AWS::RDS::DBParameterGroup", Match.objectLike(Map.of(
                "Family", "postgres17",
                "Parameters", Match.objectLike(Map.of("rds.force_ssl", "1", "log_parameter_max_length", "0")))));
    }

    @ParameterizedTest
    @CsvSource({
        "dev,db.t4g.micro,false,false,7,Delete,7",
        "staging,db.t4g.small,false,true,7,Snapshot,30",
        "prod,db.t4g.medium,true,true,14,Snapshot,180"})
    void sizeAvailabilityProtectionAndRetentionFollowTheStage(String stage, String instanceClass, boolean multiAz,
            boolean deletionProtection, int backupDays, String deletionPolicy, int logDays) {
        var template = Synth.stage(stage).template();
        template.hasResource("AWS::RDS::DBInstance", Match.objectLike(Map.of(
                "DeletionPolicy", deletionPolicy,
                "Properties", Match.objectLike(Map.of(
                        "DBInstanceClass", instanceClass,
                        "MultiAZ", multiAz,
                        "DeletionProtection", deletionProtection,
                        "BackupRetentionPeriod", backupDays)))));
        template.hasResourceProperties("AWS::Logs::LogGroup", Map.of(
                "LogGroupName", "/aws/rds/instance/hexatask-" + stage + "/postgresql",
                "RetentionInDays", logDays));
    }

    @Test
    void alarmsWatchCpuMemoryStorageAndConnectionsAndNotifyTheTopic() {
        var template = Synth.stage("dev").template();
        for (var metric : List.of("CPUUtilization", "FreeableMemory", "FreeStorageSpace", "DatabaseConnections")) {
            template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                    "Namespace", "AWS/RDS",
                    "MetricName", metric,
                    "AlarmActions", List.of(Match.objectLike(Map.of("Ref", Match.stringLikeRegexp("OperationsAlarms.*")))))));
        }
    }
}
