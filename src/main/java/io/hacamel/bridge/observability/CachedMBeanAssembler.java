package io.hacamel.bridge.observability;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.modelmbean.InvalidTargetObjectTypeException;
import javax.management.modelmbean.ModelMBean;
import javax.management.modelmbean.ModelMBeanInfo;
import javax.management.modelmbean.RequiredModelMBean;

import org.apache.camel.CamelContext;
import org.apache.camel.api.management.ManagedInstance;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.api.management.NotificationSenderAware;
import org.apache.camel.spi.ManagementAgent;
import org.apache.camel.spi.ManagementMBeanAssembler;
import org.apache.camel.support.management.MBeanInfoAssembler;
import org.apache.camel.support.management.MixinRequiredModelMBean;
import org.apache.camel.support.management.NotificationSenderAdapter;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Camel's {@code DefaultManagementMBeanAssembler}, but the JMX description of a managed class is made once, not once
 * per MBean. Camel describes each of the bridge's ~440 MBeans (routes, processors, endpoints, services) afresh, and
 * the JDK validates every attribute and operation descriptor each time: a fifth of the main thread's start and much
 * of the JIT's. A description depends only on the classes (their annotations), and {@link RequiredModelMBean} keeps
 * a copy of it, so one per class is shared. The MBeans, their attributes and operations are the same as Camel's.
 */
public final class CachedMBeanAssembler extends ServiceSupport implements ManagementMBeanAssembler {

    private final CamelContext camelContext;
    private final MBeanInfoAssembler assembler;
    private final Map<Classes, ModelMBeanInfo> infos = new ConcurrentHashMap<>();

    public CachedMBeanAssembler(CamelContext camelContext) {
        this.camelContext = camelContext;
        this.assembler = new MBeanInfoAssembler(camelContext);
    }

    /** Makes JMX use it; call before the context starts (the management agent takes its assembler then). */
    public static void install(CamelContext context) {
        context.getCamelContextExtension().setManagementMBeanAssembler(new CachedMBeanAssembler(context));
    }

    @Override
    public ModelMBean assemble(MBeanServer server, Object obj, ObjectName name) throws JMException {
        ModelMBeanInfo info = null;
        ModelMBeanInfo standardInfo = null;
        Object custom = null;
        // as Camel's: a managed instance's own @ManagedResource object adds its attributes and operations
        if (obj instanceof ManagedInstance managed) {
            custom = managed.getInstance();
            if (custom != null && custom.getClass().isAnnotationPresent(ManagedResource.class)) {
                info = info(obj, custom, name);
                standardInfo = info(obj, null, name);
            }
        }
        if (info == null) {
            info = info(obj, null, name);
        }
        if (info == null) {
            return null;
        }
        RequiredModelMBean mixin = null;
        if (standardInfo != null) {
            mixin = (RequiredModelMBean) server.instantiate(RequiredModelMBean.class.getName());
            mixin.setModelMBeanInfo(standardInfo);
            setManagedResource(mixin, obj);
            obj = custom;
        }
        ManagementAgent agent = camelContext.getManagementStrategy().getManagementAgent();
        boolean sanitize = agent.getMask() != null && agent.getMask();
        RequiredModelMBean mbean = new MixinRequiredModelMBean(info, sanitize, standardInfo, mixin);
        setManagedResource(mbean, obj);
        if (obj instanceof NotificationSenderAware aware) {
            aware.setNotificationSender(new NotificationSenderAdapter(mbean));
        }
        return mbean;
    }

    private ModelMBeanInfo info(Object managed, Object custom, ObjectName name) throws JMException {
        Classes key = new Classes(managed.getClass(), custom == null ? null : custom.getClass());
        ModelMBeanInfo info = infos.get(key);
        if (info == null) {
            info = assembler.getMBeanInfo(camelContext, managed, custom, name.toString());
            if (info == null) {
                return null; // a proxy class: Camel does not manage it
            }
            infos.putIfAbsent(key, info);
        }
        return info;
    }

    private static void setManagedResource(RequiredModelMBean mbean, Object resource) throws JMException {
        try {
            mbean.setManagedResource(resource, "ObjectReference");
        } catch (InvalidTargetObjectTypeException e) {
            throw new JMException(e.getMessage());
        }
    }

    @Override
    protected void doInit() throws Exception {
        ServiceHelper.initService(assembler);
    }

    @Override
    protected void doStart() throws Exception {
        ServiceHelper.startService(assembler);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(assembler);
        infos.clear();
    }

    private record Classes(Class<?> managed, Class<?> custom) {
    }
}
