package io.github.eventcontracts.maven.goal;

import io.github.eventcontracts.core.diag.UserInputException;
import io.github.eventcontracts.core.project.ContractProject;
import io.github.eventcontracts.core.project.SubjectContract;
import io.github.eventcontracts.core.util.DependencyOrder;
import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.RegistryException;
import io.github.eventcontracts.registry.client.RegistrySchema;
import io.github.eventcontracts.registry.client.SubjectVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Registers a project's subjects: referenced subjects first, with the versions just registered as
 * references; independent subjects in parallel (bounded). Idempotent: a subject that already has
 * the schema is UNCHANGED and costs one lookup (plus one config read when levels are managed). A
 * failure skips only the subjects that reference the failed one; every other subject is still
 * registered, and the result lists every failure and every subject left out.
 */
final class SubjectRegistrar {
  enum Action { NEW, NEW_VERSION, UNCHANGED }

  /** What will happen (plan) or happened (result) to one subject. */
  record Step(String subject, String file, Action action, int version, Integer id, String currentLevel,
      String desiredLevel) {
    boolean changesLevel() {
      return desiredLevel != null && !desiredLevel.equals(currentLevel);
    }
  }

  /** The outcome of applying a plan. */
  record Result(List<Step> registered, Map<String, String> failed, List<String> notAttempted) {
    boolean complete() {
      return failed.isEmpty() && notAttempted.isEmpty();
    }
  }

  private final RegistryClient client;
  private final ContractProject project;
  private final int threads;
  private final boolean manageLevels;
  private final boolean normalize;

  SubjectRegistrar(RegistryClient client, ContractProject project, int threads, boolean manageLevels) {
    this(client, project, threads, manageLevels, false);
  }

  private java.util.function.Consumer<String> warnings = message -> { };

  /** Where to say that the registry's answers do not add up (the plan still goes on). */
  SubjectRegistrar warnTo(java.util.function.Consumer<String> sink) {
    this.warnings = sink;
    return this;
  }

  /** @param normalize register and look up with Confluent's {@code normalize=true} */
  SubjectRegistrar(RegistryClient client, ContractProject project, int threads, boolean manageLevels,
      boolean normalize) {
    this.client = client;
    this.project = project;
    this.threads = Math.max(1, threads);
    this.manageLevels = manageLevels;
    this.normalize = normalize;
  }

  /** Versions of other modules' subjects this project references, found in the registry. */
  private final Map<String, Step> externals = new ConcurrentHashMap<>();

  /**
   * Finds the registered version of every other module's contract this project references: the
   * owning module registers them, this one only points at them, so a missing one is an error that
   * says which module to register first.
   */
  private void resolveExternals() {
    for (SubjectContract e : project.externals()) {
      if (externals.containsKey(e.subject())) {
        continue;
      }
      try {
        SubjectVersion found = client.lookup(e.subject(), schemaOf(e, externals), normalize);
        externals.put(e.subject(), new Step(e.subject(), e.contract().file(), Action.UNCHANGED, found.version(),
            found.id(), null, null));
      } catch (RegistryException.SchemaNotFoundException | RegistryException.SubjectNotFoundException
          | RegistryException.VersionNotFoundException ex) {
        throw new UserInputException(e.contract().file() + " (subject " + e.subject() + ") is referenced here but "
            + "is not registered in this form; register the module that publishes it first (" + ex.getMessage() + ")");
      }
    }
  }

  /** Looks everything up, writes nothing. */
  List<Step> plan() {
    resolveExternals();
    Map<String, Step> planned = new ConcurrentHashMap<>(externals);
    for (List<SubjectContract> wave : waves()) {
      runAll(wave, s -> planned.put(s.subject(), planOne(s, planned)));
    }
    externals.keySet().forEach(planned::remove);
    return ordered(planned);
  }

  /**
   * What registering one subject will do, from what the registry holds: a subject that references
   * one getting a new version in this run cannot match anything registered (its references name a
   * version that does not exist yet), so it is a new version without a lookup; otherwise the exact
   * schema and references are looked up, and a miss is NEW or NEW_VERSION by the subject's versions,
   * whatever error code the registry chose for the miss.
   */
  private Step planOne(SubjectContract s, Map<String, Step> planned) {
    boolean pin = manageLevels && s.pinsLevel();
    String current = pin ? CompatibilityLevels.subjectLevel(client, s.subject()) : null;
    String desired = pin ? s.level().name() : null;
    boolean referencesChange = s.references().stream()
        .anyMatch(r -> planned.get(r.subject()) == null || planned.get(r.subject()).action() != Action.UNCHANGED);
    RegistryException miss = null;
    if (!referencesChange) {
      try {
        SubjectVersion found = client.lookup(s.subject(), schemaOf(s, planned), normalize);
        return new Step(s.subject(), s.contract().file(), Action.UNCHANGED, found.version(), found.id(), current,
            desired);
      } catch (RegistryException.SchemaNotFoundException | RegistryException.SubjectNotFoundException
          | RegistryException.VersionNotFoundException e) {
        // not registered in this form: how the registry words it varies, its versions decide below
        miss = e;
      }
    }
    List<Integer> versions;
    try {
      versions = client.versions(s.subject());
    } catch (RegistryException.SubjectNotFoundException e) {
      versions = List.of();
    }
    if (miss instanceof RegistryException.SubjectNotFoundException && !versions.isEmpty()) {
      warnings.accept("The registry's answers about " + s.subject() + " contradict each other: a lookup said the "
          + "subject does not exist (" + miss.errorCode() + "), its version list has " + versions
          + "; planning from the version list");
    }
    if (versions.isEmpty()) {
      return new Step(s.subject(), s.contract().file(), Action.NEW, 1, null, current, desired);
    }
    int latest = versions.stream().mapToInt(Integer::intValue).max().orElse(0);
    return new Step(s.subject(), s.contract().file(), Action.NEW_VERSION, latest + 1, null, current, desired);
  }

  /** Applies a plan made by {@link #plan()}. */
  Result apply(List<Step> plan) {
    Map<String, Step> bySubject = new LinkedHashMap<>();
    plan.forEach(p -> bySubject.put(p.subject(), p));
    resolveExternals();
    Map<String, Step> done = new ConcurrentHashMap<>(externals);
    Map<String, String> failed = new ConcurrentHashMap<>();
    List<String> notAttempted = new ArrayList<>();
    for (List<SubjectContract> wave : waves()) {
      // What references a failed subject (directly or through one not attempted) cannot be
      // registered: its reference would name a version that does not exist. Everything else is.
      List<SubjectContract> ready = new ArrayList<>();
      for (SubjectContract s : wave) {
        boolean blocked = s.references().stream()
            .anyMatch(r -> failed.containsKey(r.subject()) || notAttempted.contains(r.subject()));
        if (blocked) {
          notAttempted.add(s.subject());
        } else {
          ready.add(s);
        }
      }
      runAll(ready, s -> {
        try {
          done.put(s.subject(), applyOne(s, bySubject.get(s.subject()), done));
        } catch (RegistryException e) {
          failed.put(s.subject(), e.getMessage());
        }
      });
    }
    externals.keySet().forEach(done::remove);
    return new Result(ordered(done), failed, notAttempted);
  }

  private Step applyOne(SubjectContract s, Step planned, Map<String, Step> done) {
    if (planned.changesLevel()) {
      // The level first, so the registry checks the new version under the level it will live with.
      client.setCompatibility(s.subject(), planned.desiredLevel());
    }
    if (planned.action() == Action.UNCHANGED) {
      return planned;
    }
    RegistrySchema schema = schemaOf(s, done);
    int id = client.register(s.subject(), schema, normalize);
    SubjectVersion registered = client.lookup(s.subject(), schema, normalize);
    return new Step(s.subject(), s.contract().file(), planned.action(), registered.version(), id,
        planned.currentLevel(), planned.desiredLevel());
  }

  /** The schema as registered: its registry form, with references at the versions planned or registered. */
  private RegistrySchema schemaOf(SubjectContract s, Map<String, Step> versions) {
    return RegistryForms.schema(s, project, r -> {
      Step referenced = versions.get(r.subject());
      if (referenced == null) {
        throw new IllegalStateException(r.subject() + " must be planned before " + s.subject());
      }
      return referenced.version();
    });
  }


  /** Subjects grouped by reference depth: a wave only references earlier waves. */
  private List<List<SubjectContract>> waves() {
    Map<String, SubjectContract> bySubject = new LinkedHashMap<>();
    project.subjects().forEach(s -> bySubject.put(s.subject(), s));
    return DependencyOrder.of(project.subjects(), s -> s.references().stream()
        .map(r -> bySubject.get(r.subject())).filter(java.util.Objects::nonNull).toList()).byDepth();
  }

  private void runAll(List<SubjectContract> wave, java.util.function.Consumer<SubjectContract> work) {
    if (wave.size() <= 1 || threads == 1) {
      wave.forEach(work);
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, wave.size()));
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (SubjectContract s : wave) {
        futures.add(pool.submit(() -> work.accept(s)));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException runtime) {
            throw runtime;
          }
          throw new IllegalStateException(e.getCause());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while registering", e);
    } finally {
      pool.shutdownNow();
    }
  }

  private List<Step> ordered(Map<String, Step> steps) {
    List<Step> out = new ArrayList<>();
    for (SubjectContract s : project.subjects()) {
      Step step = steps.get(s.subject());
      if (step != null) {
        out.add(step);
      }
    }
    return out;
  }
}
