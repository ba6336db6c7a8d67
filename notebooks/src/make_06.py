"""Writes notebooks/06-text-qa-babi.ipynb (no outputs, stable metadata).

Kept beside the notebook so its text can be reviewed as a diff; run: python3 notebooks/src/make_06.py
"""
from nbwrite import Notebook

nb = Notebook()
md, code = nb.md, nb.code

md(r"""
# 06 · Text QA: Relation Network vs Memory Network on bAbI task 1

The Relation Network is not tied to pixels: its objects can be *sentences*. This chapter follows
the studied paper into text question answering on bAbI task 1 ("single supporting fact"), where a
short story about people moving between rooms ends with a question such as *Where is Mary?*

What it reproduces (papers.md A2): the RN text model (sentence LSTM → objects, question LSTM,
$g_\theta$ 4×64, $f_\phi$ 64-128) against an End-to-End Memory Network at the paper's settings — the
paper's 85.0 % (RN) vs 99.4 % (MemN2N) — and the learning-rate random search of **Table 3**, the
paper's rows shown beside ours.

| mode | what runs | time on 2 CPU cores |
|---|---|---|
| quick (default) | RN and MemN2N with the library's fast presets, 600 steps each; 4 search trials of 60 steps at the paper's settings | about 3 min (174 s measured through the kernel on an idle 2-core VM, 2026-11-23) |
| full (`RELNET_FULL=1`) | the paper's 200,000 steps per model; 10 search trials of 20,000 steps | about 15–45 h (estimated from the quick run's step rates; not run here) |

At the paper's learning rate, $10^{-4}$, neither model learns anything in minutes, so quick mode
compares them with the library's *fast presets* (the RN averaging over pairs, Adam $5 \times 10^{-3}$;
the memory network with Adam $10^{-2}$) and keeps the paper's settings for the search, with short
trials. Full mode is the paper's comparison and search.
""")

code(r"""
import java.nio.file.Files;
import org.relnet.Mode;
import org.relnet.plot.Charts;
import org.relnet.search.*;
import org.relnet.text.*;
import org.relnet.train.*;

Mode.describe()
""")

md(r"""
## The data

bAbI (Weston et al. 2015) is a set of 20 synthetic reading-comprehension tasks. Task 1 needs one
fact: the last sentence that mentions the person asked about. Four actors (Mary, John, Sandra,
Daniel) move between six places with five verbs, and the answer is always one of the six places.

`TextQaStudy` bundles everything this chapter trains. Its data are the real bAbI v1.2 files when
they are in `datasets/` (see `datasets/README-text.md` for where to get them) and otherwise
generated task-1 files of the same format and size. The load says which one it used:
""")

code(r"""
TextQaStudy setup = TextQaStudy.forMode(TextQaData.Corpus.BABI);
TextQaData data = setup.data();
data.source()
""")

md(r"""
The file format is plain text. Each line starts with an id; the ids restart at 1 for a new story.
A question line carries, after tabs, the answer and the id of the **supporting fact** — the
sentence that answers it:
""")

code(r"""
String.join("\n", Files.readAllLines(data.trainFile()).subList(0, 9))
""")

md(r"""
The reader turns every question into one example: the statements before it (earlier questions
are not part of the story), the question, the answer, and which statement supports it (marked
`*`):
""")

code(r"""
data.train().get(2)
""")

md(r"""
The supporting fact is the last move of the person asked about; every statement after it is about
someone else. That is the whole task — but the model is never told which sentence matters.

The answer vocabulary, built from the training split:
""")

code(r"""
data.answers().words()
""")

md(r"""
## Two models

### The RN text model

The paper plugs the RN on top of LSTMs. Every sentence $s_i$ of the story (at most the 20 most
recent) is read by one shared word LSTM; its last state, tagged with the sentence's position
$t_i$ counted back from the question, is an object. A second LSTM reads the question:

$$o_i = \big[\mathrm{LSTM}_s(s_i);\ \tau(t_i)\big], \qquad q = \mathrm{LSTM}_q(\text{question}),$$

$$a = \operatorname{softmax}\Big(f_\phi\Big(\sum_{i,j} g_\theta(o_i, o_j, q)\Big)\Big),$$

with both LSTMs of 32 units, $g_\theta$ four ReLU layers of 64, $f_\phi$ layers of 64 and 128 with
dropout 50 %. The position tag $\tau$ matters here: "the *last* sentence about Mary" is a relation
between sentences that only their order can settle.

### End-to-End Memory Network

The paper's baseline is a memory network (Sukhbaatar et al. 2015). Each sentence $x_i$, a bag of
words $x_{ij}$ weighted by a position encoding $l_j$, is embedded twice, as a memory key $m_i$
and a value $c_i$, each with a temporal term $T(i)$; the question becomes $u$:

$$m_i = \sum_j l_j \odot A x_{ij} + T_A(i), \qquad c_i = \sum_j l_j \odot C x_{ij} + T_C(i), \qquad u^1 = \sum_j l_j \odot B q_j.$$

A hop attends over the memories and adds what it read to the query:

$$p_i = \operatorname{softmax}_i\big((u^k)^\top m_i\big), \qquad o^k = \sum_i p_i c_i, \qquad u^{k+1} = u^k + o^k,$$

and after $K = 3$ hops $\hat a = \operatorname{softmax}(W u^{K+1})$. Attention points at one sentence,
which is exactly what task 1 needs.

Both models come from the library with their default architecture; the encoders fix the padded
sizes from the data:
""")

code(r"""
TextQaEncoder rnEnc = setup.rnEncoder();
String.format("RN input: %d sentences x %d words, question %d words; MemN2N input: %d sentences; %d words in the vocabulary",
        rnEnc.maxSentences(), rnEnc.maxWords(), rnEnc.maxQuestionWords(), setup.memN2NEncoder().maxSentences(), rnEnc.words().size())
""")

md(r"""
## RN vs MemN2N

The paper trained the RN with Adam at a learning rate of $10^{-4}$, batches of 64, for 200,000
steps, and its memory network with RMSProp; it reports one learning rate for the comparison,
$10^{-4}$, which full mode uses for both. Quick mode uses the fast presets instead (above). The
settings live in `TextQaStudy`:
""")

code(r"""
setup
""")

md(r"""
Training shows its progress live (accuracy on a slice of the training questions and on the whole
test split); the stop button ends a run cleanly and keeps its curve.
""")

code(r"""
TrainResult rnRun = setup.trainRn();
rnRun
""")

code(r"""
TrainResult memRun = setup.trainMemN2N();
memRun
""")

md(r"""
Test accuracy of both runs. A model that always answers the most frequent place scores about
1/6 ≈ 17 %:
""")

code(r"""
Charts.compareRuns("bAbI task 1: test accuracy", "test_acc", rnRun.history(), memRun.history())
""")

code(r"""
Charts.compareRuns("bAbI task 1: test loss", "test_loss", rnRun.history(), memRun.history())
""")

md(r"""
Beside the paper's numbers (accuracy in %, our final test accuracy and loss):
""")

code(r"""
TextQaPaper.besideModels(rnRun, memRun)
""")

md(r"""
And what the two models answer on the first test questions:
""")

code(r"""
var rnAnswers = new QaPredictor(rnRun.model(), rnEnc).answers(data.test().subList(0, 8));
var memAnswers = new QaPredictor(memRun.model(), setup.memN2NEncoder()).answers(data.test().subList(0, 8));
var lines = new StringBuilder(String.format("%-18s %-10s %-10s %s%n", "question", "answer", "RN", "MemN2N"));
for (int i = 0; i < 8; i++) {
    var e = data.test().get(i);
    lines.append(String.format("%-18s %-10s %-10s %s%n", e.question(), e.answer(), rnAnswers.get(i), memAnswers.get(i)));
}
lines.toString()
""")

md(r"""
In quick mode (600 steps, fast presets, generated data) we measured RN 77.7 % and MemN2N 98.9 %
test accuracy — the same order as the paper's 85.0 % vs 99.4 %, from a very different budget, so
read it as a resemblance, not a reproduction; full mode runs the paper's 200,000 steps at
$10^{-4}$. (At $10^{-4}$ and 120 steps both sat at chance, about 17 %.) The gap has a plain
explanation in the equations: the memory network's attention *is* the operation "pick one
sentence", while the RN must learn it from pairs — and how fast it learns that depends on its
learning rate, which is why the paper went on to search it.

## The learning-rate random search (Table 3)

The paper drew the RN's initial learning rate at random between $10^{-6}$ and $10^{-2}$ and trained
each draw for 20,000 steps. Four decades of rates matter equally, so the exponent is drawn uniformly:

$$\log_{10}\eta \sim \mathcal{U}(-6, -2).$$

Each trial is the RN above with Adam at its $\eta$; its score is the final test accuracy. Trials run
two at a time, each on one core, and every finished trial is saved under `datasets/studies/`:
re-running this cell reads finished trials back instead of training them again.
""")

code(r"""
StudyResults search = setup.randomSearch(1).run();
search.table().selectColumns("trial", "lr", "accuracy", "test_loss", "steps", "wall_s")
""")

md(r"""
Test accuracy during every trial, coloured by its learning rate:
""")

code(r"""
SearchCharts.curves(search, "accuracy", "lr")
""")

md(r"""
Final accuracy against the learning rate, the paper's trials (red diamonds) and ours (blue dots):
""")

code(r"""
TextQaPaper.chart(TextQaPaper.table3(), search)
""")

md(r"""
The tables side by side. The two searches drew their rates independently, so row $k$ pairs the
$k$-th largest rate of each search, not equal rates:
""")

code(r"""
TextQaPaper.besideSearch(TextQaPaper.table3(), search)
""")

md(r"""
Averaged per decade of the learning rate, which compares the two searches band by band:
""")

code(r"""
TextQaPaper.byDecade(TextQaPaper.table3(), search)
""")

md(r"""
## What we saw

* The paper's Table 3 splits cleanly: every rate from $5 \times 10^{-4}$ up reaches 98.6–99.8 %
  after 20,000 steps, every rate from $1.2 \times 10^{-4}$ down stays at 24–53 %. At the right rate
  the RN matches the memory network (99.4 %); at the comparison's $10^{-4}$ it does not (85.0 %).
  The RN was never the problem — its learning rate was.
* Quick mode trains each search trial for 60 steps instead of 20,000 and stays close to chance at
  every rate (measured: 16.0–17.3 %), so it cannot show that split; it shows the search machinery,
  the saved trials and the tables. Full mode (10 trials of 20,000 steps) is the reproduction. The
  quick comparison above shows the other half: at a good rate the RN does learn the task in minutes.
* The same study on Dialog-based Language Learning follows in the next chapter.
""")

nb.write("06-text-qa-babi.ipynb")
