package dev.hexatask.javalin.benchmark;

import com.sun.tools.attach.VirtualMachine;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Prints how many bytes a running JVM has allocated so far, all its threads together (virtual threads' allocation
 * counts on their carriers), as the JVM itself counts them: {@code ThreadMXBean.getTotalThreadAllocatedBytes} read
 * over the JVM's local management agent, which this attaches to (and starts, the first time). For benchmark.sh,
 * which reads it before and after a measurement; not a test. Argument: the JVM's process id.
 */
public final class AllocatedBytes {

    private AllocatedBytes() {
    }

    public static void main(String[] args) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(args[0]);
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            System.out.println(server.getAttribute(new ObjectName("java.lang:type=Threading"),
                    "TotalThreadAllocatedBytes"));
        }
    }
}
