package io.changegate.gate.approval;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers a provider's definite answers for a short time so a burst of decisions (a rollout
 * over many clusters) asks the change system once. Unreachable answers are not remembered: the
 * next decision tries again.
 */
public final class CachingApprovalProvider implements ApprovalProvider {
    private final ApprovalProvider delegate;
    private final Duration ttl;
    private final Clock clock;
    private final ConcurrentHashMap<String, Approval> cache = new ConcurrentHashMap<>();

    public CachingApprovalProvider(ApprovalProvider delegate, Duration ttl, Clock clock) {
        this.delegate = delegate;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public Approval check(String ticket) {
        Instant now = clock.instant();
        Approval cached = cache.get(ticket);
        if (cached != null && cached.checkedAt().plus(ttl).isAfter(now)) {
            return cached;
        }
        Approval fresh = delegate.check(ticket);
        if (Approval.UNREACHABLE.equals(fresh.status())) {
            cache.remove(ticket);
        } else {
            cache.put(ticket, fresh);
        }
        return fresh;
    }
}
