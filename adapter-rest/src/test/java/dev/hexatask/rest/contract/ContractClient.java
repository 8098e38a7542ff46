package dev.hexatask.rest.contract;

import dev.hexatask.rest.http.HttpRequest;
import dev.hexatask.rest.http.HttpResponse;

/**
 * How the contract suite reaches the API: in-process through {@code RestApi.handle}, or over a transport (a real
 * HTTP server, a Lambda handler fed API Gateway events). The request's path is relative to the API's base and
 * percent-encoded; its query values are not encoded. A transport adds whatever prefix and encoding its wire needs,
 * and must be safe to call from several threads at once.
 */
@FunctionalInterface
public interface ContractClient {
    HttpResponse send(HttpRequest request);
}
