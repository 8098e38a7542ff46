package dev.hexatask.application.port.out;

/** Decides who is calling, from the value of the request's {@code Authorization} header. */
public interface Authenticator {

    /**
     * @param authorizationHeader the header's value as received, or {@code null} when the request had none
     */
    AuthenticationResult authenticate(String authorizationHeader);
}
