package dev.hexatask.javalin.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** {@code bin/dev token <username>}: prints an access token for that user from the running stack. */
public final class TokenCommand {

    private TokenCommand() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 1 || args[0].isBlank() || args[0].startsWith("-")) {
            System.err.println("usage: bin/dev token <username>");
            System.exit(64);
        }
        Path stackFile = DataFolder.fromEnvironment(System.getenv()).stackFile();
        try {
            Optional<StackFile> stack = StackFile.read(stackFile);
            if (stack.isEmpty()) {
                System.err.println("bin/dev: no stack is running here (no " + stackFile + "); start one with bin/dev");
                System.exit(1);
            }
            if (stack.get().tokenEndpoint() == null) {
                System.err.println("bin/dev: the running stack uses an external identity provider ("
                        + stack.get().issuer() + "); get a token from it");
                System.exit(1);
            }
            System.out.println(TokenClient.accessToken(stack.get().tokenEndpoint(), stack.get().clientId(),
                    stack.get().scope(), args[0]));
        } catch (IOException e) {
            System.err.println("bin/dev: could not get a token from the running stack: " + e.getMessage());
            System.exit(1);
        }
    }
}
