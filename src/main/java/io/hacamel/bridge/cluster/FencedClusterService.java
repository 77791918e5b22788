package io.hacamel.bridge.cluster;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.support.cluster.AbstractCamelClusterService;
import org.apache.camel.support.cluster.AbstractCamelClusterView;

/**
 * Camel's election as {@link Leadership} acts on it, for Camel's {@code ClusteredRoutePolicy} on the routes of group
 * {@code leader}: its member leads only while the bridge acts as the leader, so those routes start after the rest of
 * the leader-only work and stop first, and also stop when the bridge stands down on its own (after a pause).
 */
final class FencedClusterService extends AbstractCamelClusterService<FencedClusterService.View> {

    private final Leadership leadership;
    private final List<View> views = new CopyOnWriteArrayList<>();

    FencedClusterService(String id, Leadership leadership) {
        super(id);
        this.leadership = leadership;
    }

    /** Tells the route policies that the bridge took or gave up the lead. */
    void changed() {
        views.forEach(View::changed);
    }

    @Override
    protected View createView(String namespace) {
        View view = new View(namespace);
        views.add(view);
        return view;
    }

    final class View extends AbstractCamelClusterView {

        private final CamelClusterMember local = new CamelClusterMember() {
            @Override
            public boolean isLeader() {
                return leadership.isLeader();
            }

            @Override
            public boolean isLocal() {
                return true;
            }

            @Override
            public String getId() {
                return leadership.member();
            }
        };

        View(String namespace) {
            super(FencedClusterService.this, namespace);
        }

        @Override
        public Optional<CamelClusterMember> getLeader() {
            return leadership.isLeader() ? Optional.of(local) : Optional.empty();
        }

        @Override
        public CamelClusterMember getLocalMember() {
            return local;
        }

        @Override
        public List<CamelClusterMember> getMembers() {
            return List.of(local);
        }

        void changed() {
            fireLeadershipChangedEvent(getLeader().orElse(null));
        }

        @Override
        protected void doStart() {
        }

        @Override
        protected void doStop() {
        }
    }
}
