package dev.hexatask.infra;

import java.util.Map;

class OptionalExtrasTest {
    static final Map<String, Object> EXTRAS = Map.of(
            "bastion", "true",
            "alarmEmail", "ops@example.com",
            "budgetMonthlyUsd", "75",
            "apiDomainName", "api.example.com",
            "apiCertificateArn", "arn:aws:acm:eu-west-1:111111111111:certificate/abcd-1234");
}
