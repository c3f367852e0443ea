package io.github.eventcontracts.maven.goal;

import io.github.eventcontracts.core.compat.CompatibilityLevel;
import io.github.eventcontracts.registry.client.RegistryException;
import java.util.List;
import java.util.Map;

/**
 * The set-compatibility goal, compatibility levels as code: each subject's level set to the one
 * configured for it, and the registry's global level when one is given; a dry run shows the
 * changes without making them.
 */
public final class SetCompatibilityService {
  /** @param global the registry's global level to set, or null to leave it alone */
  public record Request(ContractsRequest contracts, RegistryTarget registry, CompatibilityLevel global,
      boolean dryRun) {}

  private final Request request;
  private final GoalLog log;
  private final Contracts contracts;

  public SetCompatibilityService(Request request, GoalLog log, Map<Object, Object> shared) {
    this.request = request;
    this.log = log;
    this.contracts = new Contracts(request.contracts(), log, shared);
  }

  public void run() {
    CompatibilityLevels levels = new CompatibilityLevels(request.registry().client());
    boolean dryRun = request.dryRun();
    try {
      List<CompatibilityLevels.Change> plan = levels.plan(contracts.load(), request.global());
      plan.forEach(this::log);
      if (!dryRun) {
        levels.apply(plan);
      }
      long needed = plan.stream().filter(CompatibilityLevels.Change::needed).count();
      log.info(dryRun ? "Dry run: " + needed + " change(s) would be made" : needed + " change(s) made");
    } catch (RegistryException e) {
      throw new GoalFailure("Setting compatibility failed: " + e.getMessage(), e);
    }
  }

  private void log(CompatibilityLevels.Change change) {
    boolean dryRun = request.dryRun();
    if (change.global()) {
      log.info(change.needed()
          ? (dryRun ? "Would set" : "Setting") + " global compatibility " + change.current() + " -> " + change.desired()
          : "Global compatibility is already " + change.current());
    } else if (!change.needed()) {
      log.info("UNCHANGED    " + change.subject() + " " + change.current());
    } else {
      log.info((dryRun ? "WOULD SET    " : "SET          ") + change.subject() + " "
          + (change.current() == null ? "(global)" : change.current()) + " -> " + change.desired());
    }
  }
}
