package dev.hexatask.infra;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

/** Small readers over a synthesized template, for assertions that CDK's matchers cannot express alone. */
final class Templates {

    private Templates() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> resources(Template template, String type) {
        var found = new HashMap<String, Map<String, Object>>();
        template.findResources(type).forEach((id, resource) -> found.put(id, (Map<String, Object>) resource));
        return found;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
    }

    static Map<String, Object> onlyResource(Template template, String type) {
        var all = resources(template, type);
        if (all.size() != 1) {
            throw new AssertionError("expected one " + type + " but found " + all.keySet());
        }
        return all.values().iterator().next();
    }

    static Map<String, Object> resource(Template template, String logicalId) {
        @SuppressWarnings("unchecked")
        var all = (Map<String, Object>) template.toJSON().get("Resources");
        @SuppressWarnings("unchecked")
        var resource = (Map<String, Object>) all.get(logicalId);
        return Objects.requireNonNull(resource, logicalId);
    }

    /** The logical id CloudFormation knows a construct by (its default child when it is an L2). */
    static String logicalId(IConstruct construct) {
        var element = construct instanceof CfnElement cfn ? cfn : (CfnElement) construct.getNode().getDefaultChild();
        return Stack.of(construct).getLogicalId(Objects.requireNonNull(element));
    }

    static Map<String, Object> getAtt(String logicalId, String attribute) {
        return Map.of("Fn::GetAtt", List.of(logicalId, attribute));
    }

    static Map<String, Object> ref(String logicalId) {
        return Map.of("Ref", logicalId);
    }

    /**
     * Every rule of one direction ({@code Egress}/{@code Ingress}) of a security group, inline or standalone, as
     * {@code protocol:fromPort-toPort peer} where a peer is a CIDR or {@code sg:<logical id>}.
     */
    @SuppressWarnings("unchecked")
    static List<String> securityGroupRules(Template template, String groupLogicalId, String direction) {
        var rules = new ArrayList<String>();
        var group = properties(resource(template, groupLogicalId));
        for (var rule : (List<Map<String, Object>>) group.getOrDefault("SecurityGroup" + direction, List.of())) {
            rules.add(describe(rule, direction));
        }
        resources(template, "AWS::EC2::SecurityGroup" + direction).values().stream()
                .map(Templates::properties)
                .filter(rule -> getAtt(groupLogicalId, "GroupId").equals(rule.get("GroupId")))
                .forEach(rule -> rules.add(describe(rule, direction)));
        return rules;
    }

    @SuppressWarnings("unchecked")
    private static String describe(Map<String, Object> rule, String direction) {
        var peerKey = direction.equals("Egress") ? "DestinationSecurityGroupId" : "SourceSecurityGroupId";
        String peer;
        if (rule.containsKey(peerKey)) {
            var getAtt = (List<String>) ((Map<String, Object>) rule.get(peerKey)).get("Fn::GetAtt");
            peer = "sg:" + getAtt.getFirst();
        } else {
            peer = String.valueOf(rule.get("CidrIp"));
        }
        return rule.get("IpProtocol") + ":" + asInt(rule.get("FromPort")) + "-" + asInt(rule.get("ToPort")) + " " + peer;
    }

    private static String asInt(Object number) {
        return number instanceof Number n ? String.valueOf(n.intValue()) : String.valueOf(number);
    }

    /** Every statement of every IAM policy attached to the role with this logical id. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> statementsOfRole(Template template, String roleLogicalId) {
        var statements = new ArrayList<Map<String, Object>>();
        resources(template, "AWS::IAM::Policy").values().stream()
                .map(Templates::properties)
                .filter(policy -> ((List<Object>) policy.get("Roles")).contains(ref(roleLogicalId)))
                .forEach(policy -> statements.addAll((List<Map<String, Object>>)
                        ((Map<String, Object>) policy.get("PolicyDocument")).get("Statement")));
        return statements;
    }

    @SuppressWarnings("unchecked")
    static List<String> actions(Map<String, Object> statement) {
        var action = statement.get("Action");
        return action instanceof List<?> list ? (List<String>) list : List.of((String) action);
    }

    /** Method and full path of every API Gateway method, e.g. {@code GET /tasks/{id}}, with its properties. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> apiMethods(Template template, String restApiLogicalId) {
        var paths = new HashMap<String, String>();
        var resources = resources(template, "AWS::ApiGateway::Resource");
        for (var id : resources.keySet()) {
            paths.put(id, path(resources, id, restApiLogicalId));
        }
        var methods = new HashMap<String, Map<String, Object>>();
        resources(template, "AWS::ApiGateway::Method").values().stream().map(Templates::properties)
                .forEach(method -> {
                    var resourceId = (Map<String, Object>) method.get("ResourceId");
                    String path;
                    if (resourceId.containsKey("Ref")) {
                        path = paths.get((String) resourceId.get("Ref"));
                    } else {
                        path = "/";
                    }
                    methods.put(method.get("HttpMethod") + " " + path, method);
                });
        return methods;
    }

    @SuppressWarnings("unchecked")
    private static String path(Map<String, Map<String, Object>> resources, String id, String restApiLogicalId) {
        var properties = properties(resources.get(id));
        var parent = (Map<String, Object>) properties.get("ParentId");
        var prefix = parent.containsKey("Ref") ? path(resources, (String) parent.get("Ref"), restApiLogicalId) : "";
        return prefix + "/" + properties.get("PathPart");
    }
}
