package dev.hexatask.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

class StageSettingsTest {

    @Test
    void stagesAreNamedAndUnknownOnesAreRefusedWithTheChoices() {
        assertThat(StageSettings.named("prod")).isEqualTo(StageSettings.PROD);
        assertThatThrownBy(() -> StageSettings.named("qa"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'qa'").hasMessageContaining("dev|staging|prod");
    }

    @Test
    void devIsCheapAndProdIsSafe() {
        assertThat(StageSettings.DEV.database().multiAz()).isFalse();
        assertThat(StageSettings.DEV.natGateways()).isEqualTo(1);
        assertThat(StageSettings.PROD.database().multiAz()).isTrue();
        assertThat(StageSettings.PROD.database().deletionProtection()).isTrue();
        assertThat(StageSettings.PROD.database().backupDays()).isGreaterThan(StageSettings.DEV.database().backupDays());
        assertThat(StageSettings.PROD.logRetention().ordinal()).isGreaterThan(StageSettings.DEV.logRetention().ordinal());
    }

    @Test
    void missingLambdaArtifactStopsSynthWithHowToBuildIt() {
        var app = new App(AppProps.builder().context(Map.of("stage", "dev",
                "lambdaArtifact", Path.of("target", "no-such.zip").toString())).build());
        assertThatThrownBy(() -> DeploymentOptions.fromContext(app.getNode()))
                .hasMessageContaining("no-such.zip").hasMessageContaining("lambdaArtifact")
                .hasMessageContaining("adapter-lambda");
    }

    @Test
    void customDomainNeedsItsCertificateAndBudgetMustBeAWholeNumber() {
        var domainOnly = new App(AppProps.builder().context(Map.of("lambdaArtifact", Synth.LAMBDA_ZIP.toString(),
                "apiDomainName", "api.example.com")).build());
        assertThatThrownBy(() -> DeploymentOptions.fromContext(domainOnly.getNode()))
                .hasMessageContaining("apiCertificateArn");
        var badBudget = new App(AppProps.builder().context(Map.of("lambdaArtifact", Synth.LAMBDA_ZIP.toString(),
                "budgetMonthlyUsd", "lots")).build());
        assertThatThrownBy(() -> DeploymentOptions.fromContext(badBudget.getNode()))
                .hasMessageContaining("budgetMonthlyUsd").hasMessageContaining("lots");
    }

    @Test
    void stagingAndProdRefuseToSynthesizeWithoutAnAlarmAddress() {
        for (var stage : List.of("staging", "prod")) {
            var app = new App(AppProps.builder().context(Map.of("stage", stage,
                    "lambdaArtifact", Synth.LAMBDA_ZIP.toString())).build());
            assertThatThrownBy(() -> DeploymentOptions.fromContext(app.getNode()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("-c alarmEmail=");
        }
        var notAnAddress = new App(AppProps.builder().context(Map.of("stage", "prod",
                "lambdaArtifact", Synth.LAMBDA_ZIP.toString(), "alarmEmail", "ops")).build());
        assertThatThrownBy(() -> DeploymentOptions.fromContext(notAnAddress.getNode()))
                .hasMessageContaining("alarmEmail must be an e-mail address");
        var dev = new App(AppProps.builder().context(Map.of("lambdaArtifact", Synth.LAMBDA_ZIP.toString())).build());
        assertThat(DeploymentOptions.fromContext(dev.getNode()).alarmEmail()).isEmpty();
    }

    @Test
    void stageDefaultsToDevAndMigrationRunIdDefaultsToNow() {
        var app = new App(AppProps.builder().context(Map.of("lambdaArtifact", Synth.LAMBDA_ZIP.toString())).build());
        var options = DeploymentOptions.fromContext(app.getNode());
        assertThat(options.stage()).isEqualTo(StageSettings.DEV);
        assertThat(options.migrationRunId()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(options.bastion()).isFalse();
        assertThat(options.budgetMonthlyUsd()).isEqualTo(StageSettings.DEV.budgetMonthlyUsd());
    }
}
