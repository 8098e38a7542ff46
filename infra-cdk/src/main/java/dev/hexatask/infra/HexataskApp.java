package dev.hexatask.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app: {@code cdk synth|deploy -c stage=dev|staging|prod}. Account and region come from the CLI's
 * credentials ({@code CDK_DEFAULT_ACCOUNT}/{@code CDK_DEFAULT_REGION}); without them the template is
 * environment-agnostic, which is enough to synthesize and review it.
 */
public final class HexataskApp {

    private HexataskApp() {
    }

    public static void main(String[] args) {
        var app = new App();
        create(app);
        app.synth();
    }

    /** Adds the stack chosen by the app's context; shared with the tests so they synthesize what ships. */
    public static HexataskStack create(App app) {
        var options = DeploymentOptions.fromContext(app.getNode());
        var account = System.getenv("CDK_DEFAULT_ACCOUNT");
        var region = System.getenv("CDK_DEFAULT_REGION");
        var props = StackProps.builder()
                .stackName("Hexatask-" + options.stage().name())
                .description("Hexatask " + options.stage().name() + ": serverless task manager")
                .terminationProtection(options.stage().isProd());
        if (account != null && region != null) {
            props.env(Environment.builder().account(account).region(region).build());
        }
        return new HexataskStack(app, "Hexatask-" + options.stage().name(), props.build(), options);
    }
}
