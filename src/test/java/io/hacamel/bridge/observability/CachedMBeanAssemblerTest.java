package io.hacamel.bridge.observability;

import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.modelmbean.ModelMBean;

import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedOperation;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.management.DefaultManagementMBeanAssembler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** MBeans of one class share one description, yet each reads its own object, and they look as Camel's own do. */
class CachedMBeanAssemblerTest {

    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private DefaultCamelContext context;
    private CachedMBeanAssembler assembler;

    @BeforeEach
    void start() {
        context = new DefaultCamelContext();
        // initialised, not started: the assembler needs no more, and a start ran Camel's developer consoles, whose
        // registry once failed inside Camel with a ConcurrentModificationException (a full verify of 4 December)
        context.init();
        assembler = new CachedMBeanAssembler(context);
        assembler.start();
    }

    @AfterEach
    void stop() {
        assembler.stop();
        context.stop();
    }

    @Test
    void eachMBeanReadsItsOwnObject() throws Exception {
        ObjectName first = register(new Counter(1), "first");
        ObjectName second = register(new Counter(2), "second");

        assertThat(server.getAttribute(first, "Count")).isEqualTo(1);
        assertThat(server.getAttribute(second, "Count")).isEqualTo(2);
        server.invoke(second, "increment", new Object[0], new String[0]);
        assertThat(server.getAttribute(second, "Count")).isEqualTo(3);
        assertThat(server.getAttribute(first, "Count")).isEqualTo(1);
    }

    @Test
    void theDescriptionIsCamelsOwn() throws Exception {
        DefaultManagementMBeanAssembler camels = new DefaultManagementMBeanAssembler(context);
        camels.start();
        ModelMBean expected = camels.assemble(server, new Counter(0), name("camel"));
        register(new Counter(0), "warm"); // the second one comes from the cache
        ModelMBean cached = assembler.assemble(server, new Counter(0), name("cached"));

        assertThat(cached.getMBeanInfo()).isEqualTo(expected.getMBeanInfo());
        camels.stop();
    }

    private ObjectName register(Object managed, String id) throws Exception {
        ObjectName name = name(id);
        server.registerMBean(assembler.assemble(server, managed, name), name);
        return name;
    }

    private static ObjectName name(String id) throws Exception {
        return new ObjectName("test:type=counter,name=" + id);
    }

    @ManagedResource(description = "A counter")
    public static final class Counter {

        private int count;

        Counter(int count) {
            this.count = count;
        }

        @ManagedAttribute(description = "The count")
        public int getCount() {
            return count;
        }

        @ManagedOperation(description = "Adds one")
        public void increment() {
            count++;
        }
    }
}
