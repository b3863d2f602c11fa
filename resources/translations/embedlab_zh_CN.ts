<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DataPage</name>
    <message>
        <source>Cannot read the corpus: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Corpus statistics cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step 1 — choose the text to learn from: one or more plain-text files (.txt) or gzip-compressed ones (.gz), one sentence or paragraph per line. Drop files here or add them with the button.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Corpus files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose corpus files (Ctrl+O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected files from the corpus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove every file from the corpus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lines:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vocabulary:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid bytes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of corpus files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes on disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lines read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Words and punctuation marks after tokenization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distinct tokens (before the minimum count of training)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes that were not valid UTF-8 and were replaced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop computing the statistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Word frequencies (rank vs count, log-log)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add corpus files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text corpora (*.txt *.gz *.text *.tok);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>computing…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EvaluatePage</name>
    <message>
        <source>Text files (*.txt *.csv *.tsv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an analogy file (Google format)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a word-similarity file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Benchmarks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analogies:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>questions-words.txt (&quot;: section&quot; lines, then &quot;a b c d&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analogy questions in the Google format; leave empty to skip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Similarity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WordSim-353, SimLex-999 or &quot;word1 word2 score&quot; lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Word pairs with human similarity scores; leave empty to skip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restrict to the most frequent:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the most frequent words are candidate answers; questions with other words count as out of vocabulary (0: all words)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How an analogy is answered: 3CosAdd (b − a + c) or 3CosMul</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run benchmarks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate the current vectors on the chosen files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Section</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Questions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading vectors: %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluating: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No vectors yet: train a model on the Train page (or select a finished run), or open a vectors file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an analogy file, a similarity file or both, then run the benchmarks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No vectors are loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a benchmark file first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analogies: %1 of %2 correct (accuracy %3%); %4 questions skipped as out of vocabulary; %5 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>n/a</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Similarity: Spearman ρ = %1, Pearson r = %2 over %3 pairs; %4 pairs out of vocabulary.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExplorePage</name>
    <message>
        <source>Open vectors…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explore word vectors from a file (.vec, .txt, .bin, .tsv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nearest neighbours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Word:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. water</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A word of the vocabulary; its closest words by cosine similarity are listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>k:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many results to list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analogy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>man</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>king</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>woman</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is to ?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3CosAdd: b − a + c (Mikolov et al.); 3CosMul: multiplicative combination (Levy and Goldberg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Solve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cosine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading vectors: %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vectors: &lt;b&gt;%1&lt;/b&gt; — %2 words × %3 dimensions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot load the vectors: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No vectors yet: train a model on the Train page (or select a finished run), or open a vectors file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No vectors are loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not in the vocabulary.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not in the vocabulary: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FrequencyChart</name>
    <message>
        <source>Word frequencies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rank (log scale)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>count (log scale)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zipf: count(1) / rank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>corpus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rank %1: count %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Cannot load the vectors: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some runs could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EmbedLab — word embeddings laboratory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1  Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2  Train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3  Explore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4  Evaluate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the corpus and look at its statistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train a model and watch its loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nearest neighbours and analogies in the learned vectors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Benchmark the learned vectors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Explore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;valuate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;corpus…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add text files to the corpus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;vectors…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explore word vectors from a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save vectors as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the current vectors (word2vec text or binary, GloVe, TSV)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export chart as &amp;PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export chart data as CS&amp;V…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Recent files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;raining</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause / resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete selected runs…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About EmbedLab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No corpus</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Corpus: %n file(s), %1 tokens</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Corpus: %n file(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open word vectors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Word vectors (*.vec *.txt *.bin *.tsv *.gz);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no such file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save vectors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>word2vec text (*.vec *.txt);;word2vec binary (*.bin);;TensorFlow projector (*.tsv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save the vectors: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vectors saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Corpus: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vectors: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About EmbedLab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;EmbedLab %1&lt;/h3&gt;&lt;p&gt;A desktop laboratory for word embeddings: train Word2Vec on your own text, watch the loss fall, and explore what the vectors learned.&lt;/p&gt;&lt;p&gt;Qt %2&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping the training…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>billions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>millions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>thousands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunTableModel</name>
    <message>
        <source>Tick to overlay this run in the chart; double-click to rename.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Final loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete every file of run &quot;%1&quot; in %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainPage</name>
    <message>
        <source>building the vocabulary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>saving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model and hyperparameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kind of model to train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore &amp;defaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put every field of this model back to its default value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train the model on the corpus of the Data page (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause or resume the training (Ctrl+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the training; what was learned so far is kept (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of the planned work done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smoothing:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight of the exponential moving average drawn over the raw loss (0 = none, like TensorBoard)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logarithmic loss axis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>X axis:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plot against work done (words or steps) or against seconds of training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the charts as a PNG image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the data of the charts as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overlay the selected runs in the chart (or remove them from it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename the selected run (or double-click its name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected runs and their files (Del)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No corpus: add one or more text files on the Data page first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the run folder: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid settings: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save the run: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Training %1 on %n file(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Paused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training paused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training resumed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phase: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ETA %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run finished but its record could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training finished: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run &quot;%1&quot; is training: stop it before deleting it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete run &quot;%1&quot; and all its files?
This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Delete %n run(s) and all their files?
This cannot be undone.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Export chart as PNG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export chart data as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart data saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingChart</name>
    <message>
        <source>step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate and throughput</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>learning rate (solid)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>items/s (dashed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>throughput</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (raw)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: throughput</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:%1&apos;&gt;&amp;#9632;&lt;/span&gt; &lt;b&gt;%2&lt;/b&gt; &amp;nbsp;%3 %4, %5 s&lt;br/&gt;&amp;nbsp;&amp;nbsp;&amp;nbsp;loss %6 &amp;nbsp;(smoothed %7) &amp;nbsp;lr %8 &amp;nbsp;%9 %10/s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Word2VecForm</name>
    <message>
        <source>Skip-gram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CBOW</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Negative sampling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hierarchical softmax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all cores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>auto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>split on whitespace only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip-gram predicts the context words from each word (better for rare words); CBOW predicts a word from the average of its context (faster).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Negative sampling contrasts each true pair with a few random noise words; hierarchical softmax walks a Huffman tree over the vocabulary.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dimensions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Length of each word vector. 100–300 is usual; small values train faster.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest distance between a word and a context word. The effective window is drawn from 1 to this value for every word, so near words count more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Negative samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Noise words per true pair with negative sampling (5–20 for small corpora, 2–5 for large ones).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many times the whole corpus is read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Words seen fewer times than this are left out of the vocabulary.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum vocabulary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep only this many of the most frequent words (0: no limit).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subsampling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threshold for randomly skipping very frequent words (e.g. 1e-3 or 1e-5); 0 turns it off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting learning rate, decayed linearly to zero. Empty: 0.025 for skip-gram, 0.05 for CBOW.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worker threads (0: all cores). One thread with a fixed seed gives identical vectors every time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed of the random number generators.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pre-tokenized corpus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Split lines on whitespace only and keep the text as it is (for corpora tokenized elsewhere).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subsampling must be a number from 0 (off) to below 1, such as 1e-3; got &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate must be a number above 0 and at most 1, such as 0.025, or empty for automatic; got &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Negative samples must be at least 1 with negative sampling.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum vocabulary must be 0 (no limit) or at least 2 words.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>embedlab::ui</name>
    <message>
        <source>loss (log scale)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wall time (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/s (dashed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/s, %2 (dashed)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>embedlab::ui::RunRecord</name>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>embedlab::ui::RunStore</name>
    <message>
        <source>The program ended while this run was training.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>embedlab::ui::Word2VecForm</name>
    <message>
        <source>Word2Vec</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Static word vectors from skip-gram or CBOW (Mikolov et al. 2013).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>words</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
