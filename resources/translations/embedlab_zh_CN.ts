<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
    <context>
        <name>embedlab::ui::DataPage</name>
        <message>
            <source>Cannot read the corpus: %1</source>
            <translation>无法读取语料：%1</translation>
        </message>
        <message>
            <source>Corpus statistics cancelled.</source>
            <translation>已取消语料统计。</translation>
        </message>
        <message>
            <source>Step 1 — choose the text to learn from: one or more plain-text files (.txt) or gzip-compressed ones (.gz), one sentence or paragraph per line. Drop files here or add them with the button.</source>
            <translation>第 1 步 — 选择用于学习的文本：一个或多个纯文本文件（.txt）或 gzip 压缩文件（.gz），每行一个句子或段落。可将文件拖放到此处，或用按钮添加。</translation>
        </message>
        <message>
            <source>Corpus files</source>
            <translation>语料文件</translation>
        </message>
        <message>
            <source>&amp;Add files…</source>
            <translation>添加文件(&amp;A)…</translation>
        </message>
        <message>
            <source>Choose corpus files (Ctrl+O)</source>
            <translation>选择语料文件（Ctrl+O）</translation>
        </message>
        <message>
            <source>&amp;Remove</source>
            <translation>移除(&amp;R)</translation>
        </message>
        <message>
            <source>Remove the selected files from the corpus</source>
            <translation>从语料中移除选中的文件</translation>
        </message>
        <message>
            <source>C&amp;lear</source>
            <translation>清空(&amp;L)</translation>
        </message>
        <message>
            <source>Remove every file from the corpus</source>
            <translation>从语料中移除所有文件</translation>
        </message>
        <message>
            <source>Statistics</source>
            <translation>统计</translation>
        </message>
        <message>
            <source>Files:</source>
            <translation>文件数：</translation>
        </message>
        <message>
            <source>Size:</source>
            <translation>大小：</translation>
        </message>
        <message>
            <source>Lines:</source>
            <translation>行数：</translation>
        </message>
        <message>
            <source>Tokens:</source>
            <translation>词元数：</translation>
        </message>
        <message>
            <source>Vocabulary:</source>
            <translation>词表大小：</translation>
        </message>
        <message>
            <source>Invalid bytes:</source>
            <translation>无效字节：</translation>
        </message>
        <message>
            <source>Number of corpus files</source>
            <translation>语料文件的数量</translation>
        </message>
        <message>
            <source>Bytes on disk</source>
            <translation>磁盘上的字节数</translation>
        </message>
        <message>
            <source>Lines read</source>
            <translation>已读取的行数</translation>
        </message>
        <message>
            <source>Words and punctuation marks after tokenization</source>
            <translation>分词后的单词和标点符号</translation>
        </message>
        <message>
            <source>Distinct tokens (before the minimum count of training)</source>
            <translation>不同词元的数量（未按训练的最小词频过滤）</translation>
        </message>
        <message>
            <source>Bytes that were not valid UTF-8 and were replaced</source>
            <translation>不是有效 UTF-8、已被替换的字节</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Stop computing the statistics</source>
            <translation>停止计算统计</translation>
        </message>
        <message>
            <source>Word frequencies (rank vs count, log-log)</source>
            <translation>词频（排名与次数，双对数坐标）</translation>
        </message>
        <message>
            <source>Add corpus files</source>
            <translation>添加语料文件</translation>
        </message>
        <message>
            <source>Text corpora (*.txt *.gz *.text *.tok);;All files (*)</source>
            <translation>文本语料 (*.txt *.gz *.text *.tok);;所有文件 (*)</translation>
        </message>
        <message>
            <source>computing…</source>
            <translation>计算中…</translation>
        </message>
    </context>
    <context>
        <name>embedlab::ui::EvaluatePage</name>
        <message>
            <source>Text files (*.txt *.csv *.tsv);;All files (*)</source>
            <translation>文本文件 (*.txt *.csv *.tsv);;所有文件 (*)</translation>
        </message>
        <message>
            <source>Choose an analogy file (Google format)</source>
            <translation>选择类比文件（Google 格式）</translation>
        </message>
        <message>
            <source>Choose a word-similarity file</source>
            <translation>选择词语相似度文件</translation>
        </message>
        <message>
            <source>Cancelled.</source>
            <translation>已取消。</translation>
        </message>
        <message>
            <source>Benchmarks</source>
            <translation>基准测试</translation>
        </message>
        <message>
            <source>Analogies:</source>
            <translation>类比：</translation>
        </message>
        <message>
            <source>questions-words.txt (": section" lines, then "a b c d")</source>
            <translation>questions-words.txt（先是“: 分节名”行，然后是“a b c d”行）</translation>
        </message>
        <message>
            <source>Analogy questions in the Google format; leave empty to skip</source>
            <translation>Google 格式的类比题；留空则跳过</translation>
        </message>
        <message>
            <source>Browse…</source>
            <translation>浏览…</translation>
        </message>
        <message>
            <source>Similarity:</source>
            <translation>相似度：</translation>
        </message>
        <message>
            <source>WordSim-353, SimLex-999 or "word1 word2 score" lines</source>
            <translation>WordSim-353、SimLex-999 或“词1 词2 分数”格式的行</translation>
        </message>
        <message>
            <source>Word pairs with human similarity scores; leave empty to skip</source>
            <translation>带有人工相似度评分的词对；留空则跳过</translation>
        </message>
        <message>
            <source>Restrict to the most frequent:</source>
            <translation>仅限最常见的：</translation>
        </message>
        <message>
            <source>all words</source>
            <translation>全部单词</translation>
        </message>
        <message>
            <source>Only the most frequent words are candidate answers; questions with other words count as out of vocabulary (0: all words)</source>
            <translation>只有最常见的单词可作为候选答案；含有其他单词的题目计为词表外（0：全部单词）</translation>
        </message>
        <message>
            <source>Method:</source>
            <translation>方法：</translation>
        </message>
        <message>
            <source>How an analogy is answered: 3CosAdd (b − a + c) or 3CosMul</source>
            <translation>类比的求解方式：3CosAdd（b − a + c）或 3CosMul</translation>
        </message>
        <message>
            <source>&amp;Run benchmarks</source>
            <translation>运行基准测试(&amp;R)</translation>
        </message>
        <message>
            <source>Evaluate the current vectors on the chosen files</source>
            <translation>用所选文件评估当前词向量</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Results</source>
            <translation>结果</translation>
        </message>
        <message>
            <source>Section</source>
            <translation>分节</translation>
        </message>
        <message>
            <source>Correct</source>
            <translation>正确</translation>
        </message>
        <message>
            <source>Questions</source>
            <translation>题数</translation>
        </message>
        <message>
            <source>Accuracy</source>
            <translation>准确率</translation>
        </message>
        <message>
            <source>Loading vectors: %1…</source>
            <translation>正在加载词向量：%1…</translation>
        </message>
        <message>
            <source>Evaluating: &lt;b&gt;%1&lt;/b&gt;</source>
            <translation>评估对象：&lt;b&gt;%1&lt;/b&gt;</translation>
        </message>
        <message>
            <source>No vectors yet: train a model on the Train page (or select a finished run), or open a vectors file.</source>
            <translation>还没有词向量：请在“训练”页训练一个模型（或选择一个已完成的运行），或打开一个词向量文件。</translation>
        </message>
        <message>
            <source>Choose an analogy file, a similarity file or both, then run the benchmarks.</source>
            <translation>请选择类比文件、相似度文件或两者，然后运行基准测试。</translation>
        </message>
        <message>
            <source>Running…</source>
            <translation>运行中…</translation>
        </message>
        <message>
            <source>No vectors are loaded.</source>
            <translation>尚未加载词向量。</translation>
        </message>
        <message>
            <source>Choose a benchmark file first.</source>
            <translation>请先选择基准测试文件。</translation>
        </message>
        <message>
            <source>Analogies: %1 of %2 correct (accuracy %3%); %4 questions skipped as out of vocabulary; %5 s.</source>
            <translation>类比：%2 题中答对 %1 题（准确率 %3%）；%4 题因词表外而跳过；用时 %5 秒。</translation>
        </message>
        <message>
            <source>n/a</source>
            <translation>不适用</translation>
        </message>
        <message>
            <source>Similarity: Spearman ρ = %1, Pearson r = %2 over %3 pairs; %4 pairs out of vocabulary.</source>
            <translation>相似度：Spearman ρ = %1，Pearson r = %2，共 %3 对；%4 对在词表外。</translation>
        </message>
    </context>
    <context>
        <name>embedlab::ui::ExplorePage</name>
        <message>
            <source>Open vectors…</source>
            <translation>打开词向量…</translation>
        </message>
        <message>
            <source>Explore word vectors from a file (.vec, .txt, .bin, .tsv)</source>
            <translation>浏览文件中的词向量（.vec、.txt、.bin、.tsv）</translation>
        </message>
        <message>
            <source>Nearest neighbours</source>
            <translation>最近邻</translation>
        </message>
        <message>
            <source>Word:</source>
            <translation>单词：</translation>
        </message>
        <message>
            <source>e.g. water</source>
            <translation>例如 water</translation>
        </message>
        <message>
            <source>A word of the vocabulary; its closest words by cosine similarity are listed</source>
            <translation>词表中的一个单词；将按余弦相似度列出与它最接近的单词</translation>
        </message>
        <message>
            <source>k:</source>
            <translation>k：</translation>
        </message>
        <message>
            <source>How many results to list</source>
            <translation>列出多少个结果</translation>
        </message>
        <message>
            <source>&amp;Find</source>
            <translation>查找(&amp;F)</translation>
        </message>
        <message>
            <source>Analogy</source>
            <translation>类比</translation>
        </message>
        <message>
            <source>man</source>
            <translation>man</translation>
        </message>
        <message>
            <source>king</source>
            <translation>king</translation>
        </message>
        <message>
            <source>woman</source>
            <translation>woman</translation>
        </message>
        <message>
            <source>is to</source>
            <translation>之于</translation>
        </message>
        <message>
            <source>as</source>
            <translation>正如</translation>
        </message>
        <message>
            <source>is to ?</source>
            <translation>之于 ?</translation>
        </message>
        <message>
            <source>3CosAdd: b − a + c (Mikolov et al.); 3CosMul: multiplicative combination (Levy and Goldberg)</source>
            <translation>3CosAdd：b − a + c（Mikolov 等）；3CosMul：乘法组合（Levy 与 Goldberg）</translation>
        </message>
        <message>
            <source>&amp;Solve</source>
            <translation>求解(&amp;S)</translation>
        </message>
        <message>
            <source>#</source>
            <translation>#</translation>
        </message>
        <message>
            <source>Word</source>
            <translation>单词</translation>
        </message>
        <message>
            <source>Cosine</source>
            <translation>余弦</translation>
        </message>
        <message>
            <source>Score</source>
            <translation>得分</translation>
        </message>
        <message>
            <source>Loading vectors: %1…</source>
            <translation>正在加载词向量：%1…</translation>
        </message>
        <message>
            <source>Vectors: &lt;b&gt;%1&lt;/b&gt; — %2 words × %3 dimensions</source>
            <translation>词向量：&lt;b&gt;%1&lt;/b&gt; — %2 个单词 × %3 维</translation>
        </message>
        <message>
            <source>Cannot load the vectors: %1</source>
            <translation>无法加载词向量：%1</translation>
        </message>
        <message>
            <source>No vectors yet: train a model on the Train page (or select a finished run), or open a vectors file.</source>
            <translation>还没有词向量：请在“训练”页训练一个模型（或选择一个已完成的运行），或打开一个词向量文件。</translation>
        </message>
        <message>
            <source>No vectors are loaded.</source>
            <translation>尚未加载词向量。</translation>
        </message>
        <message>
            <source>"%1" is not in the vocabulary.</source>
            <translation>“%1”不在词表中。</translation>
        </message>
        <message>
            <source>Not in the vocabulary: %1</source>
            <translation>不在词表中：%1</translation>
        </message>
    </context>
    <context>
        <name>embedlab::ui::FrequencyChart</name>
        <message>
            <source>Word frequencies</source>
            <translation>词频</translation>
        </message>
        <message>
            <source>rank (log scale)</source>
            <translation>排名（对数坐标）</translation>
        </message>
        <message>
            <source>count (log scale)</source>
            <translation>次数（对数坐标）</translation>
        </message>
        <message>
            <source>Zipf: count(1) / rank</source>
            <translation>Zipf：次数(1) / 排名</translation>
        </message>
        <message>
            <source>corpus</source>
            <translation>语料</translation>
        </message>
        <message>
            <source>rank %1: count %2</source>
            <translation>排名 %1：次数 %2</translation>
        </message>
    </context>
    <context>
        <name>embedlab::ui::MainWindow</name>
        <message>
            <source>Cannot load the vectors: %1</source>
            <translation>无法加载词向量：%1</translation>
        </message>
        <message>
            <source>Some runs could not be read: %1</source>
            <translation>部分运行记录无法读取：%1</translation>
        </message>
        <message>
            <source>EmbedLab — word embeddings laboratory</source>
            <translation>EmbedLab — 词向量实验室</translation>
        </message>
        <message>
            <source>1  Data</source>
            <translation>1  数据</translation>
        </message>
        <message>
            <source>2  Train</source>
            <translation>2  训练</translation>
        </message>
        <message>
            <source>3  Explore</source>
            <translation>3  探索</translation>
        </message>
        <message>
            <source>4  Evaluate</source>
            <translation>4  评估</translation>
        </message>
        <message>
            <source>Choose the corpus and look at its statistics</source>
            <translation>选择语料并查看其统计</translation>
        </message>
        <message>
            <source>Train a model and watch its loss</source>
            <translation>训练模型并观察其损失</translation>
        </message>
        <message>
            <source>Nearest neighbours and analogies in the learned vectors</source>
            <translation>在学到的词向量中查找最近邻和类比</translation>
        </message>
        <message>
            <source>Benchmark the learned vectors</source>
            <translation>对学到的词向量进行基准测试</translation>
        </message>
        <message>
            <source>&amp;Data</source>
            <translation>数据(&amp;D)</translation>
        </message>
        <message>
            <source>&amp;Train</source>
            <translation>训练(&amp;T)</translation>
        </message>
        <message>
            <source>&amp;Explore</source>
            <translation>探索(&amp;E)</translation>
        </message>
        <message>
            <source>E&amp;valuate</source>
            <translation>评估(&amp;V)</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>文件(&amp;F)</translation>
        </message>
        <message>
            <source>Open &amp;corpus…</source>
            <translation>打开语料(&amp;C)…</translation>
        </message>
        <message>
            <source>Add text files to the corpus</source>
            <translation>向语料中添加文本文件</translation>
        </message>
        <message>
            <source>Open &amp;vectors…</source>
            <translation>打开词向量(&amp;V)…</translation>
        </message>
        <message>
            <source>Explore word vectors from a file</source>
            <translation>浏览文件中的词向量</translation>
        </message>
        <message>
            <source>&amp;Save vectors as…</source>
            <translation>词向量另存为(&amp;S)…</translation>
        </message>
        <message>
            <source>Save the current vectors (word2vec text or binary, GloVe, TSV)</source>
            <translation>保存当前词向量（word2vec 文本或二进制、GloVe、TSV）</translation>
        </message>
        <message>
            <source>Export chart as &amp;PNG…</source>
            <translation>将图表导出为 &amp;PNG…</translation>
        </message>
        <message>
            <source>Export chart data as CS&amp;V…</source>
            <translation>将图表数据导出为 CS&amp;V…</translation>
        </message>
        <message>
            <source>&amp;Recent files</source>
            <translation>最近的文件(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>退出(&amp;Q)</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>视图(&amp;V)</translation>
        </message>
        <message>
            <source>&amp;Language</source>
            <translation>语言(&amp;L)</translation>
        </message>
        <message>
            <source>T&amp;raining</source>
            <translation>训练(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Start training</source>
            <translation>开始训练(&amp;S)</translation>
        </message>
        <message>
            <source>&amp;Pause / resume</source>
            <translation>暂停 / 继续(&amp;P)</translation>
        </message>
        <message>
            <source>S&amp;top training</source>
            <translation>停止训练(&amp;T)</translation>
        </message>
        <message>
            <source>&amp;Delete selected runs…</source>
            <translation>删除选中的运行(&amp;D)…</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>帮助(&amp;H)</translation>
        </message>
        <message>
            <source>&amp;Keyboard shortcuts</source>
            <translation>键盘快捷键(&amp;K)</translation>
        </message>
        <message>
            <source>&amp;About EmbedLab</source>
            <translation>关于 EmbedLab(&amp;A)</translation>
        </message>
        <message>
            <source>No corpus</source>
            <translation>没有语料</translation>
        </message>
        <message numerus="yes">
            <source>Corpus: %n file(s), %1 tokens</source>
            <translation>
                <numerusform>语料：%n 个文件，%1 个词元</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Corpus: %n file(s)</source>
            <translation>
                <numerusform>语料：%n 个文件</numerusform>
            </translation>
        </message>
        <message>
            <source>Idle</source>
            <translation>空闲</translation>
        </message>
        <message>
            <source>Paused</source>
            <translation>已暂停</translation>
        </message>
        <message>
            <source>Training…</source>
            <translation>训练中…</translation>
        </message>
        <message>
            <source>Open word vectors</source>
            <translation>打开词向量</translation>
        </message>
        <message>
            <source>Word vectors (*.vec *.txt *.bin *.tsv *.gz);;All files (*)</source>
            <translation>词向量 (*.vec *.txt *.bin *.tsv *.gz);;所有文件 (*)</translation>
        </message>
        <message>
            <source>%1: no such file</source>
            <translation>%1：文件不存在</translation>
        </message>
        <message>
            <source>Save vectors</source>
            <translation>保存词向量</translation>
        </message>
        <message>
            <source>word2vec text (*.vec *.txt);;word2vec binary (*.bin);;TensorFlow projector (*.tsv)</source>
            <translation>word2vec 文本 (*.vec *.txt);;word2vec 二进制 (*.bin);;TensorFlow Projector (*.tsv)</translation>
        </message>
        <message>
            <source>Cannot save the vectors: %1</source>
            <translation>无法保存词向量：%1</translation>
        </message>
        <message>
            <source>Vectors saved to %1</source>
            <translation>词向量已保存到 %1</translation>
        </message>
        <message>
            <source>Corpus: %1</source>
            <translation>语料：%1</translation>
        </message>
        <message>
            <source>Vectors: %1</source>
            <translation>词向量：%1</translation>
        </message>
        <message>
            <source>About EmbedLab</source>
            <translation>关于 EmbedLab</translation>
        </message>
        <message>
            <source>&lt;h3&gt;EmbedLab %1&lt;/h3&gt;&lt;p&gt;A desktop laboratory for word embeddings: train Word2Vec on your own text, watch the loss fall, and explore what the vectors learned.&lt;/p&gt;&lt;p&gt;Qt %2&lt;/p&gt;</source>
            <translation>&lt;h3&gt;EmbedLab %1&lt;/h3&gt;&lt;p&gt;词向量桌面实验室：用你自己的文本训练 Word2Vec，看着损失下降，并探索词向量学到了什么。&lt;/p&gt;&lt;p&gt;Qt %2&lt;/p&gt;</translation>
        </message>
        <message>
            <source>Stopping the training…</source>
            <translation>正在停止训练…</translation>
        </message>
    </context>
    <context>
        <name>QObject</name>
        <message>
            <source>billions</source>
            <translation>十亿</translation>
        </message>
        <message>
            <source>millions</source>
            <translation>百万</translation>
        </message>
        <message>
            <source>thousands</source>
            <translation>千</translation>
        </message>
        <message>
            <source>h</source>
            <translation>小时</translation>
        </message>
        <message>
            <source>min</source>
            <translation>分钟</translation>
        </message>
        <message>
            <source>s</source>
            <translation>秒</translation>
        </message>
    </context>
    <context>
        <name>embedlab::ui::RunTableModel</name>
        <message>
            <source>Tick to overlay this run in the chart; double-click to rename.</source>
            <translation>勾选以在图表中叠加此运行；双击可重命名。</translation>
        </message>
        <message>
            <source>Run</source>
            <translation>运行</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>模型</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Started</source>
            <translation>开始时间</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>用时</translation>
        </message>
        <message>
            <source>Final loss</source>
            <translation>最终损失</translation>
        </message>
        <message>
            <source>Items/s</source>
            <translation>项/秒</translation>
        </message>
        <message>
            <source>Could not delete every file of run "%1" in %2.</source>
            <translation>无法删除运行“%1”在 %2 中的全部文件。</translation>
        </message>
    </context>
    <context>
        <name>embedlab::ui::ShortcutsDialog</name>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>键盘快捷键</translation>
        </message>
        <message>
            <source>Action</source>
            <translation>操作</translation>
        </message>
        <message>
            <source>Shortcut</source>
            <translation>快捷键</translation>
        </message>
    </context>
    <context>
        <name>embedlab::ui::TrainPage</name>
        <message>
            <source>building the vocabulary</source>
            <translation>构建词表</translation>
        </message>
        <message>
            <source>training</source>
            <translation>训练</translation>
        </message>
        <message>
            <source>saving</source>
            <translation>保存</translation>
        </message>
        <message>
            <source>Model and hyperparameters</source>
            <translation>模型与超参数</translation>
        </message>
        <message>
            <source>Model:</source>
            <translation>模型：</translation>
        </message>
        <message>
            <source>The kind of model to train</source>
            <translation>要训练的模型类型</translation>
        </message>
        <message>
            <source>Restore &amp;defaults</source>
            <translation>恢复默认值(&amp;D)</translation>
        </message>
        <message>
            <source>Put every field of this model back to its default value</source>
            <translation>将此模型的所有字段恢复为默认值</translation>
        </message>
        <message>
            <source>Training</source>
            <translation>训练</translation>
        </message>
        <message>
            <source>&amp;Start</source>
            <translation>开始(&amp;S)</translation>
        </message>
        <message>
            <source>Train the model on the corpus of the Data page (F5)</source>
            <translation>用“数据”页的语料训练模型（F5）</translation>
        </message>
        <message>
            <source>&amp;Resume</source>
            <translation>继续(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Pause</source>
            <translation>暂停(&amp;P)</translation>
        </message>
        <message>
            <source>Pause or resume the training (Ctrl+P)</source>
            <translation>暂停或继续训练（Ctrl+P）</translation>
        </message>
        <message>
            <source>S&amp;top</source>
            <translation>停止(&amp;T)</translation>
        </message>
        <message>
            <source>Stop the training; what was learned so far is kept (Esc)</source>
            <translation>停止训练；保留目前已学到的内容（Esc）</translation>
        </message>
        <message>
            <source>Share of the planned work done</source>
            <translation>计划工作量的完成比例</translation>
        </message>
        <message>
            <source>Ready.</source>
            <translation>就绪。</translation>
        </message>
        <message>
            <source>Smoothing:</source>
            <translation>平滑：</translation>
        </message>
        <message>
            <source>Weight of the exponential moving average drawn over the raw loss (0 = none, like TensorBoard)</source>
            <translation>叠加在原始损失上的指数移动平均的权重（0 = 不平滑，与 TensorBoard 相同）</translation>
        </message>
        <message>
            <source>Log scale</source>
            <translation>对数坐标</translation>
        </message>
        <message>
            <source>Logarithmic loss axis</source>
            <translation>损失轴使用对数坐标</translation>
        </message>
        <message>
            <source>X axis:</source>
            <translation>X 轴：</translation>
        </message>
        <message>
            <source>Step</source>
            <translation>步数</translation>
        </message>
        <message>
            <source>Wall time</source>
            <translation>实际时间</translation>
        </message>
        <message>
            <source>Plot against work done (words or steps) or against seconds of training</source>
            <translation>按已完成的工作量（单词数或步数）或按训练秒数绘图</translation>
        </message>
        <message>
            <source>PNG…</source>
            <translation>PNG…</translation>
        </message>
        <message>
            <source>Save the charts as a PNG image</source>
            <translation>将图表保存为 PNG 图片</translation>
        </message>
        <message>
            <source>CSV…</source>
            <translation>CSV…</translation>
        </message>
        <message>
            <source>Save the data of the charts as CSV</source>
            <translation>将图表数据保存为 CSV</translation>
        </message>
        <message>
            <source>Runs</source>
            <translation>运行记录</translation>
        </message>
        <message>
            <source>&amp;Compare</source>
            <translation>比较(&amp;C)</translation>
        </message>
        <message>
            <source>Overlay the selected runs in the chart (or remove them from it)</source>
            <translation>在图表中叠加选中的运行（或将其移除）</translation>
        </message>
        <message>
            <source>Re&amp;name</source>
            <translation>重命名(&amp;N)</translation>
        </message>
        <message>
            <source>Rename the selected run (or double-click its name)</source>
            <translation>重命名选中的运行（或双击其名称）</translation>
        </message>
        <message>
            <source>De&amp;lete</source>
            <translation>删除(&amp;L)</translation>
        </message>
        <message>
            <source>Delete the selected runs and their files (Del)</source>
            <translation>删除选中的运行及其文件（Del）</translation>
        </message>
        <message>
            <source>No corpus: add one or more text files on the Data page first.</source>
            <translation>没有语料：请先在“数据”页添加一个或多个文本文件。</translation>
        </message>
        <message>
            <source>Cannot create the run folder: %1</source>
            <translation>无法创建运行文件夹：%1</translation>
        </message>
        <message>
            <source>Invalid settings: %1</source>
            <translation>设置无效：%1</translation>
        </message>
        <message>
            <source>Cannot save the run: %1</source>
            <translation>无法保存运行记录：%1</translation>
        </message>
        <message>
            <source>Starting…</source>
            <translation>正在启动…</translation>
        </message>
        <message numerus="yes">
            <source>Training %1 on %n file(s)…</source>
            <translation>
                <numerusform>正在用 %n 个文件训练 %1…</numerusform>
            </translation>
        </message>
        <message>
            <source>Paused.</source>
            <translation>已暂停。</translation>
        </message>
        <message>
            <source>Training paused.</source>
            <translation>训练已暂停。</translation>
        </message>
        <message>
            <source>Training resumed.</source>
            <translation>训练已继续。</translation>
        </message>
        <message>
            <source>Stopping…</source>
            <translation>正在停止…</translation>
        </message>
        <message>
            <source>Phase: %1</source>
            <translation>阶段：%1</translation>
        </message>
        <message>
            <source>items</source>
            <translation>项</translation>
        </message>
        <message>
            <source>%1 %2/s</source>
            <translation>%1 %2/秒</translation>
        </message>
        <message>
            <source>ETA %1</source>
            <translation>剩余 %1</translation>
        </message>
        <message>
            <source>The run finished but its record could not be saved: %1</source>
            <translation>运行已结束，但其记录无法保存：%1</translation>
        </message>
        <message>
            <source>Finished.</source>
            <translation>已完成。</translation>
        </message>
        <message>
            <source>Training finished: %1</source>
            <translation>训练完成：%1</translation>
        </message>
        <message>
            <source>Stopped.</source>
            <translation>已停止。</translation>
        </message>
        <message>
            <source>Training stopped: %1</source>
            <translation>训练已停止：%1</translation>
        </message>
        <message>
            <source>Failed.</source>
            <translation>失败。</translation>
        </message>
        <message>
            <source>Training failed: %1</source>
            <translation>训练失败：%1</translation>
        </message>
        <message>
            <source>unknown error</source>
            <translation>未知错误</translation>
        </message>
        <message>
            <source>%1 %2/s on average</source>
            <translation>平均 %1 %2/秒</translation>
        </message>
        <message>
            <source>Run "%1" is training: stop it before deleting it.</source>
            <translation>运行“%1”正在训练：请先停止再删除。</translation>
        </message>
        <message>
            <source>Delete run</source>
            <translation>删除运行</translation>
        </message>
        <message>
            <source>Delete run "%1" and all its files?
This cannot be undone.</source>
            <translation>删除运行“%1”及其所有文件？
此操作无法撤销。</translation>
        </message>
        <message>
            <source>Delete runs</source>
            <translation>删除运行</translation>
        </message>
        <message numerus="yes">
            <source>Delete %n run(s) and all their files?
This cannot be undone.</source>
            <translation>
                <numerusform>删除 %n 个运行及其所有文件？
此操作无法撤销。</numerusform>
            </translation>
        </message>
        <message>
            <source>Export chart as PNG</source>
            <translation>将图表导出为 PNG</translation>
        </message>
        <message>
            <source>PNG images (*.png)</source>
            <translation>PNG 图片 (*.png)</translation>
        </message>
        <message>
            <source>Chart saved to %1</source>
            <translation>图表已保存到 %1</translation>
        </message>
        <message>
            <source>Could not write %1</source>
            <translation>无法写入 %1</translation>
        </message>
        <message>
            <source>Export chart data as CSV</source>
            <translation>将图表数据导出为 CSV</translation>
        </message>
        <message>
            <source>CSV files (*.csv)</source>
            <translation>CSV 文件 (*.csv)</translation>
        </message>
        <message>
            <source>Chart data saved to %1</source>
            <translation>图表数据已保存到 %1</translation>
        </message>
    </context>
    <context>
        <name>embedlab::ui::TrainingChart</name>
        <message>
            <source>step</source>
            <translation>步数</translation>
        </message>
        <message>
            <source>items</source>
            <translation>项</translation>
        </message>
        <message>
            <source>Training loss</source>
            <translation>训练损失</translation>
        </message>
        <message>
            <source>Start a training run: its loss appears here as it learns.</source>
            <translation>开始一次训练：学习过程中的损失会显示在这里。</translation>
        </message>
        <message>
            <source>Learning rate and throughput</source>
            <translation>学习率与吞吐量</translation>
        </message>
        <message>
            <source>learning rate</source>
            <translation>学习率</translation>
        </message>
        <message>
            <source>items/s</source>
            <translation>项/秒</translation>
        </message>
        <message>
            <source>throughput</source>
            <translation>吞吐量</translation>
        </message>
        <message>
            <source>Model metrics</source>
            <translation>模型指标</translation>
        </message>
        <message>
            <source>value</source>
            <translation>数值</translation>
        </message>
        <message>
            <source>%1 (raw)</source>
            <translation>%1（原始）</translation>
        </message>
        <message>
            <source>%1: learning rate</source>
            <translation>%1：学习率</translation>
        </message>
        <message>
            <source>%1: throughput</source>
            <translation>%1：吞吐量</translation>
        </message>
        <message>
            <source> &amp;nbsp;%1 %2, %3 s&lt;br/&gt;&amp;nbsp;&amp;nbsp;&amp;nbsp;loss %4 &amp;nbsp;(smoothed %5) &amp;nbsp;lr %6 &amp;nbsp;%7 %8/s</source>
            <translation> &amp;nbsp;%1 %2，%3 秒&lt;br/&gt;&amp;nbsp;&amp;nbsp;&amp;nbsp;损失 %4 &amp;nbsp;（平滑 %5） &amp;nbsp;学习率 %6 &amp;nbsp;%7 %8/秒</translation>
        </message>
        <message>
            <source>&amp;nbsp;&amp;nbsp;&amp;nbsp;%1 %2 &amp;nbsp;(%3 %4)</source>
            <translation>&amp;nbsp;&amp;nbsp;&amp;nbsp;%1 %2 &amp;nbsp;（%3 %4）</translation>
        </message>
        <message>
            <source>loss (log scale)</source>
            <translation>损失（对数坐标）</translation>
        </message>
        <message>
            <source>loss</source>
            <translation>损失</translation>
        </message>
        <message>
            <source>wall time (%1)</source>
            <translation>实际时间（%1）</translation>
        </message>
        <message>
            <source>%1/s</source>
            <translation>%1/秒</translation>
        </message>
        <message>
            <source>%1 %2/s</source>
            <translation>%1 %2/秒</translation>
        </message>
    </context>
    <context>
        <name>embedlab::ui::Word2VecForm</name>
        <message>
            <source>Skip-gram</source>
            <translation>Skip-gram（跳字模型）</translation>
        </message>
        <message>
            <source>CBOW</source>
            <translation>CBOW（连续词袋）</translation>
        </message>
        <message>
            <source>Negative sampling</source>
            <translation>负采样</translation>
        </message>
        <message>
            <source>Hierarchical softmax</source>
            <translation>层次 softmax</translation>
        </message>
        <message>
            <source>no limit</source>
            <translation>不限</translation>
        </message>
        <message>
            <source>all cores</source>
            <translation>全部核心</translation>
        </message>
        <message>
            <source>auto</source>
            <translation>自动</translation>
        </message>
        <message>
            <source>split on whitespace only</source>
            <translation>仅按空白切分</translation>
        </message>
        <message>
            <source>Architecture</source>
            <translation>架构</translation>
        </message>
        <message>
            <source>Skip-gram predicts the context words from each word (better for rare words); CBOW predicts a word from the average of its context (faster).</source>
            <translation>Skip-gram 用每个词预测其上下文词（对罕见词更好）；CBOW 用上下文的平均预测中心词（更快）。</translation>
        </message>
        <message>
            <source>Output layer</source>
            <translation>输出层</translation>
        </message>
        <message>
            <source>Negative sampling contrasts each true pair with a few random noise words; hierarchical softmax walks a Huffman tree over the vocabulary.</source>
            <translation>负采样将每个真实词对与少量随机噪声词对比；层次 softmax 沿词表上的 Huffman 树逐层计算。</translation>
        </message>
        <message>
            <source>Dimensions</source>
            <translation>维度</translation>
        </message>
        <message>
            <source>Length of each word vector. 100–300 is usual; small values train faster.</source>
            <translation>每个词向量的长度。常用 100–300；数值越小训练越快。</translation>
        </message>
        <message>
            <source>Window</source>
            <translation>窗口</translation>
        </message>
        <message>
            <source>Largest distance between a word and a context word. The effective window is drawn from 1 to this value for every word, so near words count more.</source>
            <translation>中心词与上下文词之间的最大距离。每个词的实际窗口在 1 到此值之间随机选取，因此越近的词权重越大。</translation>
        </message>
        <message>
            <source>Negative samples</source>
            <translation>负样本数</translation>
        </message>
        <message>
            <source>Noise words per true pair with negative sampling (5–20 for small corpora, 2–5 for large ones).</source>
            <translation>负采样时每个真实词对的噪声词数量（小语料 5–20，大语料 2–5）。</translation>
        </message>
        <message>
            <source>Epochs</source>
            <translation>轮数</translation>
        </message>
        <message>
            <source>How many times the whole corpus is read.</source>
            <translation>整个语料被读取的遍数。</translation>
        </message>
        <message>
            <source>Minimum count</source>
            <translation>最小词频</translation>
        </message>
        <message>
            <source>Words seen fewer times than this are left out of the vocabulary.</source>
            <translation>出现次数少于此值的单词不进入词表。</translation>
        </message>
        <message>
            <source>Maximum vocabulary</source>
            <translation>最大词表</translation>
        </message>
        <message>
            <source>Keep only this many of the most frequent words (0: no limit).</source>
            <translation>只保留这么多个最常见的单词（0：不限）。</translation>
        </message>
        <message>
            <source>Subsampling</source>
            <translation>下采样</translation>
        </message>
        <message>
            <source>Threshold for randomly skipping very frequent words (e.g. 1e-3 or 1e-5); 0 turns it off.</source>
            <translation>随机跳过高频词的阈值（例如 1e-3 或 1e-5）；0 表示关闭。</translation>
        </message>
        <message>
            <source>Learning rate</source>
            <translation>学习率</translation>
        </message>
        <message>
            <source>Starting learning rate, decayed linearly to zero. Empty: 0.025 for skip-gram, 0.05 for CBOW.</source>
            <translation>初始学习率，线性衰减到零。留空：skip-gram 为 0.025，CBOW 为 0.05。</translation>
        </message>
        <message>
            <source>Threads</source>
            <translation>线程数</translation>
        </message>
        <message>
            <source>Worker threads (0: all cores). One thread with a fixed seed gives identical vectors every time.</source>
            <translation>工作线程数（0：全部核心）。单线程加固定种子每次都得到相同的词向量。</translation>
        </message>
        <message>
            <source>Seed</source>
            <translation>随机种子</translation>
        </message>
        <message>
            <source>Seed of the random number generators.</source>
            <translation>随机数生成器的种子。</translation>
        </message>
        <message>
            <source>Pre-tokenized corpus</source>
            <translation>已分词的语料</translation>
        </message>
        <message>
            <source>Split lines on whitespace only and keep the text as it is (for corpora tokenized elsewhere).</source>
            <translation>只按空白切分各行，文本保持原样（用于已在别处分好词的语料）。</translation>
        </message>
        <message>
            <source>Subsampling must be a number from 0 (off) to below 1, such as 1e-3; got "%1".</source>
            <translation>下采样必须是 0（关闭）到小于 1 之间的数，例如 1e-3；当前为“%1”。</translation>
        </message>
        <message>
            <source>Learning rate must be a number above 0 and at most 1, such as 0.025, or empty for automatic; got "%1".</source>
            <translation>学习率必须是大于 0 且不超过 1 的数，例如 0.025，或留空表示自动；当前为“%1”。</translation>
        </message>
        <message>
            <source>Negative samples must be at least 1 with negative sampling.</source>
            <translation>使用负采样时，负样本数至少为 1。</translation>
        </message>
        <message>
            <source>Maximum vocabulary must be 0 (no limit) or at least 2 words.</source>
            <translation>最大词表必须为 0（不限）或至少 2 个单词。</translation>
        </message>
        <message>
            <source>Word2Vec</source>
            <translation>Word2Vec</translation>
        </message>
        <message>
            <source>Static word vectors from skip-gram or CBOW (Mikolov et al. 2013).</source>
            <translation>用 skip-gram 或 CBOW 训练的静态词向量（Mikolov 等，2013）。</translation>
        </message>
        <message>
            <source>words</source>
            <translation>词</translation>
        </message>
    </context>
    <context>
        <name>embedlab::ui::RunRecord</name>
        <message>
            <source>running</source>
            <translation>训练中</translation>
        </message>
        <message>
            <source>finished</source>
            <translation>已完成</translation>
        </message>
        <message>
            <source>stopped</source>
            <translation>已停止</translation>
        </message>
        <message>
            <source>failed</source>
            <translation>失败</translation>
        </message>
    </context>
    <context>
        <name>embedlab::ui::RunStore</name>
        <message>
            <source>The program ended while this run was training.</source>
            <translation>程序在此运行训练期间退出了。</translation>
        </message>
    </context>
</TS>