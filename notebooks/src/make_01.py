"""Writes notebooks/01-relation-network.ipynb from the cells below (no outputs, stable metadata).

Kept beside the notebook so its text can be reviewed as a diff; run: python3 notebooks/src/make_01.py
"""
from nbwrite import Notebook

nb = Notebook()
md, code = nb.md, nb.code


md(r"""
# 01 · The Relation Network

This chapter takes apart the module at the heart of every later notebook, the **Relation Network**
(RN) of Santoro et al. (2017), and reproduces its central claim on a toy problem: a network that
looks at *pairs of objects* answers relational questions that a plain MLP over the same objects
struggles with.

What it reproduces: the RN function as the studied papers define it, its pair construction, its
invariance to the order of the objects, and — on a small state-description task in the spirit of
Sort-of-CLEVR — the RN beating an MLP baseline on relational questions while both handle
non-relational ones.

| mode | what runs | time on a 2-core laptop CPU |
|---|---|---|
| quick (default) | 10,000 toy scenes, 1,200 training steps per model | about 1.5 min (62 s measured on an idle 2-core VM) |
| full (`RELNET_FULL=1`) | 50,000 scenes, 15,000 steps per model | about 40 min |
""")

code(r"""
import java.util.*;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.relnet.Mode;
import org.relnet.data.toy.*;
import org.relnet.plot.Charts;
import org.relnet.rn.*;
import org.relnet.train.*;

Mode.describe()
""")

md(r"""
## The RN function

A scene is described by a set of objects $O = \{o_1, \dots, o_n\}$, each a vector $o_i \in \mathbb{R}^d$.
The RN scores every ordered pair of objects with one shared MLP $g_\theta$ and lets a second MLP
$f_\phi$ reason over the sum:

$$\mathrm{RN}(O) = f_\phi\Big(\sum_{i=1}^{n}\sum_{j=1}^{n} g_\theta(o_i, o_j)\Big).$$

For question answering, the question embedding $q$ is appended to every pair, so that $g_\theta$
can look for the relation the question is about:

$$a = f_\phi\Big(\sum_{i,j} g_\theta(o_i, o_j, q)\Big).$$

Three design choices carry the idea:

* **one $g_\theta$ for all pairs** — a relation learnt for objects 1 and 2 is known for every pair;
* **all $n^2$ ordered pairs**, self-pairs included — nothing about which objects matter is assumed;
* **a sum** — the result cannot depend on the order in which the objects are listed.
""")

md(r"""
## The pairs, concretely

Take three objects in $\mathbb{R}^2$ and a one-number question $q = 9$. The input $g_\theta$ sees is a
matrix with one row $[o_i, o_j, q]$ per ordered pair — $3 \times 3 = 9$ rows of $2d + k = 5$ numbers.
Row $i \cdot n + j$ holds the pair $(i, j)$:
""")

code(r"""
INDArray toyObjects = Nd4j.create(new float[][] {{1, 0}, {0, 1}, {0.5f, 0.5f}});
INDArray toyQuestion = Nd4j.create(new float[] {9});
PairTensor.table(toyObjects, toyQuestion)
""")

md(r"""
As a tensor it is simply $[n^2, 2d + k]$:
""")

code(r"""
PairTensor.of(toyObjects, toyQuestion)
""")

md(r"""
With 25 objects (a 5×5 CNN feature map, as in Sort-of-CLEVR at 75 px) this matrix has 625 rows per
image, and $g_\theta$ runs on all of them: the RN's cost grows as $n^2$. The library's
`RelationModule` never builds this matrix. Because the first layer of $g_\theta$ is linear, it splits
exactly:

$$W\,[o_i; o_j; q] + b = \underbrace{A\,o_i}_{\text{per object}} + \underbrace{B\,o_j}_{\text{per object}} + \underbrace{C\,q + b}_{\text{per question}},$$

so the first layer costs two $[n, d] \times [d, w]$ products and a broadcast addition instead of a
$[n^2, 2d + k] \times [2d + k, w]$ product. Only the later layers of $g_\theta$ see all $n^2$ pairs.
""")

md(r"""
## Permutation invariance

Listing the objects in another order permutes the pairs, and a sum does not care about order. An
MLP over the *concatenated* objects, by contrast, sees a different input vector. Let us check on
four random toy scenes (introduced below) with two untrained networks:
""")

code(r"""
int n = 5;
ToyScenes demo = ToyScenes.generate(4, n, 7);
ComputationGraph rnDemo = StateRelationNet.builder().objects(n, demo.objectSize()).question(demo.questionSize())
        .g(32, 32).hidden(32, 32).answers(demo.answerCount()).seed(1).build();
ComputationGraph mlpDemo = StateMlpBaseline.builder().objects(n, demo.objectSize()).question(demo.questionSize())
        .hidden(32, 32).answers(demo.answerCount()).seed(1).build();

INDArray objects = demo.objects();
INDArray reordered = ToyScenes.permuted(objects, 3, 0, 4, 1, 2);
INDArray questions = demo.questions();

double rnChange = rnDemo.output(objects, questions)[0].sub(rnDemo.output(reordered, questions)[0]).amaxNumber().doubleValue();
double mlpChange = mlpDemo.output(objects, questions)[0].sub(mlpDemo.output(reordered, questions)[0]).amaxNumber().doubleValue();
String.format("largest change of an answer probability after reordering the objects:%n  RN  %.1e%n  MLP %.1e", rnChange, mlpChange)
""")

md(r"""
The RN's answers agree to rounding error; the MLP's move. An MLP can only become (approximately)
order-independent by *learning* it from data, separately for every slot.

## A relational toy task

Each scene has $n = 5$ objects, each of its own colour (one-hot over 5 colours) at a random position
$(x, y)$ in the unit square, listed in random order. A question names one object by its colour and
asks either

* **non-relational**: *is it in the left or the right half?* — the answer is in that object alone;
* **relational**: *how many objects are to its left?* — the answer needs the queried object
  compared with every other one, i.e. the pairs (queried object, other object). It is the toy
  cousin of Sort-of-CLEVR's counting question.

This is Sort-of-CLEVR's state-description setting shrunk to run in a minute. The generator is
`org.relnet.data.toy.ToyScenes`; here is one scene (the queried object is the diamond):
""")

code(r"""
ToyScenes train = ToyScenes.generate(Mode.pick(10_000, 50_000), n, 1);
ToyScenes test = ToyScenes.generate(1_000, n, 2);
ToyScenePlot.scene(train, 1)
""")

md(r"""
## Training the RN

Both models are trained by the library's `Trainer` with the same settings: Adam, a constant
learning rate of $10^{-3}$ (the range the studied papers found best), batches of 64, evaluation on
the test scenes every few steps with accuracy split by question kind. The output below updates in
place while training runs (accuracy on 1,000 training scenes and on the 1,000 test scenes); the stop button ends training cleanly at the next step and keeps the
curves so far.

The RN: $g_\theta$ has three layers of 64 ReLU units, $f_\phi$ two of 64 (dropout 50 % on the second).
""")

code(r"""
TrainConfig config = TrainConfig.builder()
        .name("RN").adam().lr(1e-3)
        .steps(Mode.pick(1_200, 15_000)).evalEvery(Mode.pick(100, 500))
        .seed(3)
        .build();

ComputationGraph rn = StateRelationNet.builder().objects(n, train.objectSize()).question(train.questionSize())
        .g(64, 64, 64).hidden(64, 64).answers(train.answerCount()).seed(1).build();
TrainResult rnRun = new Trainer(config).fit(rn, train.batches(64, 4), train.evalSet("train", 1_000), test.evalSet("test"));
rnRun
""")

md(r"""
## Training the MLP baseline

The baseline flattens the five objects, appends the question and feeds an MLP of three layers of
128 ReLU units (dropout 50 % on the second) — more parameters than the RN, same data, same trainer.
""")

code(r"""
ComputationGraph mlp = StateMlpBaseline.builder().objects(n, train.objectSize()).question(train.questionSize())
        .hidden(128, 128, 128).answers(train.answerCount()).seed(1).build();
TrainResult mlpRun = new Trainer(config.toBuilder().name("MLP").build())
        .fit(mlp, train.batches(64, 4), train.evalSet("train", 1_000), test.evalSet("test"));
String.format("parameters: RN %,d   MLP %,d%n%s", ParameterCount.of(rn), ParameterCount.of(mlp), mlpRun)
""")

md(r"""
## Comparing the curves

Test accuracy on the relational questions, step by step:
""")

code(r"""
Charts.compareRuns("test accuracy, relational questions", "test_acc_relational", rnRun.history(), mlpRun.history())
""")

md(r"""
and on the non-relational ones:
""")

code(r"""
Charts.compareRuns("test accuracy, non-relational questions", "test_acc_non_relational", rnRun.history(), mlpRun.history())
""")

md(r"""
The final accuracies side by side (guessing scores 50 % on the non-relational questions and 20 %
on the relational ones, whose answer 0 to 4 is uniformly distributed):
""")

code(r"""
var finals = new LinkedHashMap<String, double[]>();
for (TrainResult r : List.of(rnRun, mlpRun)) {
    finals.put(r.name(), new double[] {r.finalAccuracy("test", "non-relational"), r.finalAccuracy("test", "relational")});
}
Charts.bars("final test accuracy", "accuracy", List.of("non-relational", "relational"), finals)
""")

md(r"""
The history of a run is a Tablesaw table, ready for filtering or further plots:
""")

code(r"""
rnRun.history()
""")

md(r"""
## What we saw

* The RN is a function of the *set* of objects: reordering them changes nothing, by construction.
* On "how many objects are to its left?" the RN pulls far ahead: $g_\theta$ learns one comparison
  ("is $o_j$ left of $o_i$, and is $o_i$ the queried object?") and the sum counts it over all pairs,
  while the MLP has to learn the comparison anew for every pair of input slots — and first find
  which slot holds the queried object. In quick mode it stays near chance on the relational
  questions and is still slow on the non-relational ones, which need that same look-up. (Measured
  here in quick mode: RN about 99 % non-relational / 70 % relational, MLP about 64 % / 21 %.)
* The same `Trainer`, `EvalSet` categories and chart helpers drive the Sort-of-CLEVR, bAbI and
  hyperparameter notebooks that follow.
""")

nb.write("01-relation-network.ipynb")
