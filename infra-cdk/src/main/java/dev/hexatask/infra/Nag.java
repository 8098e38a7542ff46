package dev.hexatask.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import java.util.List;

/** cdk-nag suppressions: each is written next to the resource it concerns, with the reason a reviewer reads. */
final class Nag {

    private Nag() {
    }

    static NagPackSuppression suppress(String ruleId, String reason) {
        return NagPackSuppression.builder().id(ruleId).reason(reason).build();
    }

    /** A suppression limited to the named findings (managed policy ARNs, wildcard actions or resources). */
    static NagPackSuppression suppress(String ruleId, String reason, String... findings) {
        return NagPackSuppression.builder().id(ruleId).reason(reason).appliesTo(List.of(findings)).build();
    }
}
