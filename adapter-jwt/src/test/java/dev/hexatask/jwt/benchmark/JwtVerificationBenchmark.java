package dev.hexatask.jwt.benchmark;

import dev.hexatask.application.port.out.AuthenticationResult;
import dev.hexatask.jwt.CognitoAccessTokenAuthenticator;
import dev.hexatask.jwt.testing.TestIdentityProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * What verifying one bearer token costs once the JWKS is cached, next to the JDK's bare RSA-SHA256 check of the same
 * token's signature: the difference is what parsing, key lookup and the claim rules add. Run it with
 * {@code ./mvnw -pl adapter-jwt -am -Pbenchmarks -DskipTests verify}; {@link #main} prints both and their ratio.
 */
@State(Scope.Benchmark)
// Per-call samples, reported as the median: on a shared machine the mean is ruled by the scheduler's time slices.
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// The verifier's longer code path needs several seconds of JIT compilation on a busy 2-core machine to settle.
@Warmup(iterations = 7, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(1)
public class JwtVerificationBenchmark {

    private static final int ROUNDS = 3;

    private TestIdentityProvider idp;
    private CognitoAccessTokenAuthenticator authenticator;
    private String authorizationHeader;
    private RSAPublicKey publicKey;
    private byte[] signingInput;
    private byte[] signature;

    @Setup(Level.Trial)
    public void start() throws Exception {
        idp = TestIdentityProvider.start();
        authenticator = new CognitoAccessTokenAuthenticator(idp.settings());
        String token = idp.accessToken("3f6c1c8e-benchmark-user", "benchmark",
                claims -> claims.claim("email", "benchmark@example.com"));
        authorizationHeader = "Bearer " + token;
        if (!(authenticator.authenticate(authorizationHeader) instanceof AuthenticationResult.Authenticated)) {
            throw new IllegalStateException("the benchmark token must verify");
        }
        int lastDot = token.lastIndexOf('.');
        signingInput = token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII);
        signature = Base64.getUrlDecoder().decode(token.substring(lastDot + 1));
        publicKey = idp.signingKey().toRSAKey().toRSAPublicKey();
        if (!rawRsaSha256Verify()) {
            throw new IllegalStateException("the raw check must accept the benchmark token");
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        idp.close();
    }

    @Benchmark
    public AuthenticationResult authenticatorWithWarmJwks() {
        return authenticator.authenticate(authorizationHeader);
    }

    /** What any verifier must do at least: the JDK's signature check of the token's signing input. */
    @Benchmark
    public boolean rawRsaSha256Verify() throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(publicKey);
        verifier.update(signingInput);
        return verifier.verify(signature);
    }

    /**
     * Runs the two benchmarks in alternation, {@value #ROUNDS} rounds, so that a change in the machine's load (it is
     * shared) hits both alike. Each round's figure is the median time of one call; the ratio reported is the median
     * of the rounds' ratios.
     */
    public static void main(String[] args) throws RunnerException {
        List<Double> authenticatorScores = new ArrayList<>();
        List<Double> rawScores = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            double authenticator = run("authenticatorWithWarmJwks");
            double raw = run("rawRsaSha256Verify");
            authenticatorScores.add(authenticator);
            rawScores.add(raw);
            ratios.add(authenticator / raw);
            System.out.printf(Locale.ROOT, "round %d: authenticator %.2f us, raw %.2f us, ratio %.2f%n",
                    round, authenticator, raw, authenticator / raw);
        }
        System.out.printf(Locale.ROOT, "%nJWT verification on %d cores, %s %s (%s), median of %d rounds%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), System.getProperty("os.arch"), ROUNDS);
        System.out.printf(Locale.ROOT, "  authenticator, warm JWKS : %8.2f us/token (median)%n", median(authenticatorScores));
        System.out.printf(Locale.ROOT, "  raw JDK SHA256withRSA    : %8.2f us/token (median)%n", median(rawScores));
        System.out.printf(Locale.ROOT, "  ratio                    : %8.2f x%n", median(ratios));
    }

    private static double run(String method) throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(Pattern.quote(JwtVerificationBenchmark.class.getName() + "." + method) + "$")
                .verbosity(VerboseMode.SILENT)
                .build()).run();
        return results.iterator().next().getPrimaryResult().getStatistics().getPercentile(50);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
