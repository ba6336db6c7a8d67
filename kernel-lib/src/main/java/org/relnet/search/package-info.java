/**
 * Hyperparameter studies: which learning rate (batch size, ...) makes a model learn, found by
 * grid search, random search, ASHA early stopping, or Bayesian optimisation.
 *
 * <ul>
 *   <li>{@link org.relnet.search.Space} — named dimensions: {@code logUniform}, {@code uniform},
 *       {@code integer}, {@code choice}; a trial's values are a {@link org.relnet.search.Config}.</li>
 *   <li>{@link org.relnet.search.Strategy} — {@link org.relnet.search.GridSearch},
 *       {@link org.relnet.search.RandomSearch}, {@link org.relnet.search.Asha} (wraps another
 *       strategy and stops poor trials at budget rungs), {@link org.relnet.search.BayesianOptimization}
 *       (Gaussian process + expected improvement on the log-scaled space).</li>
 *   <li>{@link org.relnet.search.Objective} — one training run per trial; it reports metrics through
 *       its {@link org.relnet.search.TrialContext} and learns there whether to stop.
 *       {@link org.relnet.search.TrainerObjective} runs the shared {@code org.relnet.train.Trainer};
 *       {@link org.relnet.search.SyntheticObjective} is a free stand-in with a known answer.</li>
 *   <li>{@link org.relnet.search.Study} — runs trials on a few workers, saves each finished one to
 *       {@code dir/trials.jsonl} at once, and resumes from that file after a crash or an interrupt.</li>
 *   <li>{@link org.relnet.search.StudyResults} — trials as Tablesaw tables;
 *       {@link org.relnet.search.SearchCharts} — curves coloured by lr, final accuracy vs lr, and
 *       strategy comparisons.</li>
 * </ul>
 *
 * <pre>{@code
 * var study = Study.builder()
 *     .space(Space.builder().logUniform("lr", 1e-6, 1e-2).build())
 *     .strategy(new RandomSearch(20, 42))
 *     .objective(new SyntheticObjective(200, 10))
 *     .dir(Path.of("studies/lr-random"))
 *     .workers(2)
 *     .build();
 * var results = study.run();
 * results.table();
 * SearchCharts.finalVsParam(results, "lr", "accuracy", 0.02);
 * }</pre>
 *
 * <p>Reproducibility: trial k's config and seed derive from (strategy seed, k) (see
 * {@link org.relnet.search.Seeds}), so grid and random studies give the same trials whatever the
 * worker count, and a resumed study proposes what the interrupted one would have.
 */
package org.relnet.search;
