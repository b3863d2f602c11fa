<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
    <context>
        <name>embedlab::ui::AnalogyChart</name>
        <message>
            <source>total</source>
            <translation>合计</translation>
        </message>
        <message>
            <source>%1 of %2 correct (%3%)</source>
            <translation>%2 题中答对 %1 题（%3%）</translation>
        </message>
        <message>
            <source>no question could be asked</source>
            <translation>没有可提问的题目</translation>
        </message>
        <message numerus="yes">
            <source>%n question(s) out of vocabulary</source>
            <translation>
                <numerusform>%n 道题超出词表</numerusform>
            </translation>
        </message>
        <message>
            <source>accuracy (%)</source>
            <translation>准确率 (%)</translation>
        </message>
        <message>
            <source>Analogy accuracy per section</source>
            <translation>各分区的类比准确率</translation>
        </message>
        <message>
            <source>Accuracy: %1% overall (%2 questions, %3 OOV)</source>
            <translation>准确率：总体 %1%（%2 道题，%3 道超出词表）</translation>
        </message>
    </context>
    <context>
        <name>embedlab::ui::AttentionHeatmap</name>
        <message>
            <source>No attention to show yet.</source>
            <translation>尚无注意力可显示。</translation>
        </message>
    </context>
    <context>
        <name>embedlab::ui::BertForm</name>
        <message>
            <source>all cores</source>
            <translation>全部核心</translation>
        </message>
        <message>
            <source>10% of the steps</source>
            <translation>步数的 10%</translation>
        </message>
        <message>
            <source>Layers</source>
            <translation>层数</translation>
        </message>
        <message>
            <source>Transformer layers of the encoder (BERT-base has 12; 2–4 train quickly).</source>
            <translation>编码器的 Transformer 层数（BERT-base 为 12；2–4 层训练较快）。</translation>
        </message>
        <message>
            <source>Hidden size</source>
            <translation>隐藏层大小</translation>
        </message>
        <message>
            <source>Width of every token vector; must be divisible by the number of heads.</source>
            <translation>每个词元向量的宽度；必须能被注意力头数整除。</translation>
        </message>
        <message>
            <source>Attention heads</source>
            <translation>注意力头数</translation>
        </message>
        <message>
            <source>Self-attention heads per layer; each looks at hidden / heads dimensions.</source>
            <translation>每层的自注意力头数；每个头关注 隐藏层大小 / 头数 个维度。</translation>
        </message>
        <message>
            <source>Intermediate size</source>
            <translation>中间层大小</translation>
        </message>
        <message>
            <source>Width of the feed-forward block in each layer (usually 4 × hidden).</source>
            <translation>每层前馈网络的宽度（通常为 4 × 隐藏层大小）。</translation>
        </message>
        <message>
            <source>Maximum length</source>
            <translation>最大长度</translation>
        </message>
        <message>
            <source>WordPieces per training sequence, and the longest input the model accepts.</source>
            <translation>每个训练序列的 WordPiece 数，也是模型接受的最长输入。</translation>
        </message>
        <message>
            <source>Vocabulary size</source>
            <translation>词表大小</translation>
        </message>
        <message>
            <source>WordPieces in the vocabulary trained on the corpus, special tokens included.</source>
            <translation>在语料上训练的词表中的 WordPiece 数，含特殊词元。</translation>
        </message>
        <message>
            <source>Batch</source>
            <translation>批大小</translation>
        </message>
        <message>
            <source>Sequences per optimizer step.</source>
            <translation>每个优化步的序列数。</translation>
        </message>
        <message>
            <source>Steps</source>
            <translation>步数</translation>
        </message>
        <message>
            <source>Optimizer steps to train for.</source>
            <translation>训练的优化步数。</translation>
        </message>
        <message>
            <source>Learning rate</source>
            <translation>学习率</translation>
        </message>
        <message>
            <source>Peak learning rate of AdamW, reached after the warm-up, then decayed linearly to 0.</source>
            <translation>AdamW 的峰值学习率，预热结束时达到，随后线性衰减到 0。</translation>
        </message>
        <message>
            <source>Warm-up steps</source>
            <translation>预热步数</translation>
        </message>
        <message>
            <source>Steps over which the learning rate rises from 0 (-1: 10% of the steps).</source>
            <translation>学习率从 0 上升所用的步数（-1：步数的 10%）。</translation>
        </message>
        <message>
            <source>Threads</source>
            <translation>线程数</translation>
        </message>
        <message>
            <source>Worker threads (0: all cores). One thread with a fixed seed gives the same model every time.</source>
            <translation>工作线程数（0：全部核心）。单线程加固定种子每次得到相同的模型。</translation>
        </message>
        <message>
            <source>Seed</source>
            <translation>随机种子</translation>
        </message>
        <message>
            <source>Seed of the initial weights, the masking and dropout.</source>
            <translation>初始权重、掩码和 dropout 的随机种子。</translation>
        </message>
        <message>
            <source>Hidden size (%1) must be divisible by the number of attention heads (%2).</source>
            <translation>隐藏层大小（%1）必须能被注意力头数（%2）整除。</translation>
        </message>
        <message>
            <source>Learning rate must be a number above 0 and at most 1, such as 1e-4; got "%1".</source>
            <translation>学习率必须是大于 0 且不超过 1 的数，例如 1e-4；当前为“%1”。</translation>
        </message>
        <message>
            <source>Warm-up (%1 steps) must not be longer than the training (%2 steps).</source>
            <translation>预热（%1 步）不能长于训练（%2 步）。</translation>
        </message>
        <message>
            <source>BERT</source>
            <translation>BERT</translation>
        </message>
        <message>
            <source>A Transformer encoder pre-trained by masked-language modelling (Devlin et al. 2018); contextual vectors and attention.</source>
            <translation>用掩码语言模型预训练的 Transformer 编码器（Devlin 等，2018）；提供上下文向量和注意力。</translation>
        </message>
        <message>
            <source>tokens</source>
            <translation>词元</translation>
        </message>
    </context>
    <context>
        <name>embedlab::ui::BertPage</name>
        <message>
            <source>Could not collect the contexts: %1</source>
            <translation>无法收集上下文：%1</translation>
        </message>
        <message>
            <source>Stopped.</source>
            <translation>已停止。</translation>
        </message>
        <message>
            <source>BERT model support is not built yet in this version of EmbedLab: models cannot be opened on this page.</source>
            <translation>此版本的 EmbedLab 尚未支持 BERT 模型：本页无法打开模型。</translation>
        </message>
        <message>
            <source>A model directory with config.json, model.safetensors and vocab.txt</source>
            <translation>包含 config.json、model.safetensors 和 vocab.txt 的模型目录</translation>
        </message>
        <message>
            <source>Open model…</source>
            <translation>打开模型…</translation>
        </message>
        <message>
            <source>No model</source>
            <translation>无模型</translation>
        </message>
        <message>
            <source>Sentence:</source>
            <translation>句子：</translation>
        </message>
        <message>
            <source>e.g. She sat on the bank of the river.</source>
            <translation>例如：She sat on the bank of the river.</translation>
        </message>
        <message>
            <source>Pair:</source>
            <translation>句对：</translation>
        </message>
        <message>
            <source>optional second sentence</source>
            <translation>可选的第二个句子</translation>
        </message>
        <message>
            <source>&amp;Run</source>
            <translation>运行(&amp;R)</translation>
        </message>
        <message>
            <source>Tokens:</source>
            <translation>词元数：</translation>
        </message>
        <message>
            <source>Attention</source>
            <translation>注意力</translation>
        </message>
        <message>
            <source>Token similarity</source>
            <translation>词元相似度</translation>
        </message>
        <message>
            <source>Contexts in the corpus</source>
            <translation>语料中的上下文</translation>
        </message>
        <message>
            <source>Layer:</source>
            <translation>层：</translation>
        </message>
        <message>
            <source>Head:</source>
            <translation>头：</translation>
        </message>
        <message>
            <source>Vectors of:</source>
            <translation>向量来源：</translation>
        </message>
        <message>
            <source>Cosine similarity between the tokens' contextual vectors</source>
            <translation>词元上下文向量之间的余弦相似度</translation>
        </message>
        <message>
            <source>Word:</source>
            <translation>单词：</translation>
        </message>
        <message>
            <source>e.g. bank</source>
            <translation>例如：bank</translation>
        </message>
        <message>
            <source>Corpus sample:</source>
            <translation>语料样本：</translation>
        </message>
        <message>
            <source> lines</source>
            <translation> 行</translation>
        </message>
        <message>
            <source>How many lines from the start of the current corpus are searched</source>
            <translation>在当前语料开头搜索多少行</translation>
        </message>
        <message>
            <source>&amp;Collect</source>
            <translation>收集(&amp;C)</translation>
        </message>
        <message>
            <source>Stop</source>
            <translation>停止</translation>
        </message>
        <message>
            <source>Send to Explorer</source>
            <translation>发送到探索页</translation>
        </message>
        <message>
            <source>Show the occurrences on the Explore page: neighbours and maps</source>
            <translation>在“探索”页显示这些出现：近邻和映射图</translation>
        </message>
        <message>
            <source>Mean of all layers</source>
            <translation>所有层的平均</translation>
        </message>
        <message>
            <source>Layer %1</source>
            <translation>第 %1 层</translation>
        </message>
        <message>
            <source>Mean of all heads</source>
            <translation>所有头的平均</translation>
        </message>
        <message>
            <source>Head %1</source>
            <translation>第 %1 个头</translation>
        </message>
        <message>
            <source>Mean of the last four layers</source>
            <translation>最后四层的平均</translation>
        </message>
        <message>
            <source>Embeddings (layer 0)</source>
            <translation>嵌入层（第 0 层）</translation>
        </message>
        <message>
            <source>No corpus: choose one on the Data page first.</source>
            <translation>没有语料：请先在“数据”页选择语料。</translation>
        </message>
        <message>
            <source>Open a BERT model directory</source>
            <translation>打开 BERT 模型目录</translation>
        </message>
        <message>
            <source>Loading %1…</source>
            <translation>正在加载 %1…</translation>
        </message>
        <message>
            <source>BERT model loaded: %1</source>
            <translation>已加载 BERT 模型：%1</translation>
        </message>
        <message>
            <source>mean of all layers</source>
            <translation>所有层的平均</translation>
        </message>
        <message>
            <source>layer %1</source>
            <translation>第 %1 层</translation>
        </message>
        <message>
            <source>mean of all heads</source>
            <translation>所有头的平均</translation>
        </message>
        <message>
            <source>head %1</source>
            <translation>第 %1 个头</translation>
        </message>
        <message>
            <source>Attention, %1, %2 (row: from, column: to)</source>
            <translation>注意力，%1，%2（行：来源，列：目标）</translation>
        </message>
        <message>
            <source>Cosine similarity of the tokens' vectors (%1)</source>
            <translation>词元向量的余弦相似度（%1）</translation>
        </message>
        <message>
            <source>Reading the corpus sample…</source>
            <translation>正在读取语料样本…</translation>
        </message>
        <message>
            <source>"%1" does not occur in the first %2 lines of the corpus.</source>
            <translation>“%1”没有出现在语料的前 %2 行中。</translation>
        </message>
        <message numerus="yes">
            <source>%n occurrence(s) of "%1" in the first %2 lines (%3, %4 dimensions).</source>
            <translation>
                <numerusform>“%1”在前 %2 行中出现 %n 次（%3，%4 维）。</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 layers · hidden %2 · %3 heads · %4 WordPieces</source>
            <translation>%1 层 · 隐藏层 %2 · %3 个头 · %4 个 WordPiece</translation>
        </message>
    </context>
    <context>
        <name>embedlab::ui::ClassificationPanel</name>
        <message>
            <source>Choose a task folder (train.tsv and test.tsv)</source>
            <translation>选择任务文件夹（train.tsv 和 test.tsv）</translation>
        </message>
        <message>
            <source>Cancelled.</source>
            <translation>已取消。</translation>
        </message>
        <message>
            <source>Task:</source>
            <translation>任务：</translation>
        </message>
        <message>
            <source>a folder with train.tsv and test.tsv (label&lt;TAB&gt;text per line)</source>
            <translation>包含 train.tsv 和 test.tsv 的文件夹（每行：标签&lt;TAB&gt;文本）</translation>
        </message>
        <message>
            <source>Browse…</source>
            <translation>浏览…</translation>
        </message>
        <message>
            <source>Features:</source>
            <translation>特征：</translation>
        </message>
        <message>
            <source>TF-IDF (word 1-2-grams)</source>
            <translation>TF-IDF（词 1-2 元组）</translation>
        </message>
        <message>
            <source>Current vectors: mean word vector</source>
            <translation>当前词向量：平均词向量</translation>
        </message>
        <message>
            <source>Current vectors: TF-IDF-weighted mean</source>
            <translation>当前词向量：TF-IDF 加权平均</translation>
        </message>
        <message>
            <source>What represents a text for the logistic regression</source>
            <translation>逻辑回归用什么来表示一段文本</translation>
        </message>
        <message>
            <source>C:</source>
            <translation>C：</translation>
        </message>
        <message>
            <source>auto (cross-validation)</source>
            <translation>自动（交叉验证）</translation>
        </message>
        <message>
            <source>Inverse regularisation strength of the logistic regression; auto picks it by 5-fold cross-validation on the training split</source>
            <translation>逻辑回归的正则化强度倒数；自动时在训练集上用 5 折交叉验证选取</translation>
        </message>
        <message>
            <source>Run &amp;classification</source>
            <translation>运行分类(&amp;C)</translation>
        </message>
        <message>
            <source>Train logistic regression on train.tsv and score test.tsv</source>
            <translation>在 train.tsv 上训练逻辑回归并在 test.tsv 上评分</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Stop the classification (a running fit ends at its next iteration)</source>
            <translation>停止分类（正在进行的拟合在下一次迭代时结束）</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>清空</translation>
        </message>
        <message>
            <source>Remove every row of the comparison</source>
            <translation>删除对比中的所有行</translation>
        </message>
        <message>
            <source>Cancelling (after the step in progress)…</source>
            <translation>正在取消（当前步骤结束后）…</translation>
        </message>
        <message>
            <source>Reading the task…</source>
            <translation>正在读取任务…</translation>
        </message>
        <message>
            <source>Computing the features…</source>
            <translation>正在计算特征…</translation>
        </message>
        <message>
            <source>Training the classifier…</source>
            <translation>正在训练分类器…</translation>
        </message>
        <message>
            <source>Training the classifier (cross-validation over C, then the final fit)…</source>
            <translation>正在训练分类器（先对 C 做交叉验证，再做最终拟合）…</translation>
        </message>
        <message>
            <source>Mean-vector features need vectors: train a model or open a vectors file first.</source>
            <translation>平均向量特征需要词向量：请先训练模型或打开词向量文件。</translation>
        </message>
        <message>
            <source>Choose a task folder and features, then run: each run adds a row to the comparison.</source>
            <translation>选择任务文件夹和特征后运行：每次运行在对比中添加一行。</translation>
        </message>
        <message>
            <source>Choose a task folder first.</source>
            <translation>请先选择任务文件夹。</translation>
        </message>
        <message>
            <source>No vectors are loaded: mean-vector features need them.</source>
            <translation>尚未加载词向量：平均向量特征需要词向量。</translation>
        </message>
        <message>
            <source>TF-IDF</source>
            <translation>TF-IDF</translation>
        </message>
        <message>
            <source>%1 (mean vectors)</source>
            <translation>%1（平均向量）</translation>
        </message>
        <message>
            <source>%1 (TF-IDF-weighted mean)</source>
            <translation>%1（TF-IDF 加权平均）</translation>
        </message>
        <message>
            <source>%1 on %2: accuracy %3, macro-F1 %4.</source>
            <translation>%1 在 %2 上：准确率 %3，宏平均 F1 %4。</translation>
        </message>
        <message>
            <source>Save the chart and the heat map as a PNG image</source>
            <translation>将图表和热力图保存为 PNG 图片</translation>
        </message>
    </context>
    <context>
        <name>embedlab::ui::ComparePanel</name>
        <message>
            <source>%1: no such folder</source>
            <translation>%1：没有这个文件夹</translation>
        </message>
        <message>
            <source>%1: not a task folder (it needs train.tsv and test.tsv with label&lt;TAB&gt;text lines, optionally .gz)</source>
            <translation>%1：不是任务文件夹（需要每行为 标签&lt;TAB&gt;文本 的 train.tsv 和 test.tsv，可为 .gz）</translation>
        </message>
        <message>
            <source>Choose a corpus sample for BERT/ELMo contexts</source>
            <translation>选择用于 BERT/ELMo 上下文的语料样本</translation>
        </message>
        <message>
            <source>Text files (*.txt *.gz);;All files (*)</source>
            <translation>文本文件 (*.txt *.gz);;所有文件 (*)</translation>
        </message>
        <message>
            <source>Running: %1</source>
            <translation>正在运行：%1</translation>
        </message>
        <message numerus="yes">
            <source>Cancelled; the %n row(s) finished before are kept.</source>
            <translation>
                <numerusform>已取消；之前完成的 %n 行已保留。</numerusform>
            </translation>
        </message>
        <message>
            <source>Models</source>
            <translation>模型</translation>
        </message>
        <message>
            <source>Check the models to compare: the workspace's finished runs (Word2Vec, BERT, ELMo) and models added by hand</source>
            <translation>勾选要对比的模型：工作区中已完成的运行（Word2Vec、BERT、ELMo）和手动添加的模型</translation>
        </message>
        <message>
            <source>Add model &amp;folder…</source>
            <translation>添加模型文件夹(&amp;F)…</translation>
        </message>
        <message>
            <source>A BERT folder (Hugging Face layout), an EmbedLab ELMo folder, or a folder holding vectors.vec</source>
            <translation>BERT 文件夹（Hugging Face 布局）、EmbedLab ELMo 文件夹，或包含 vectors.vec 的文件夹</translation>
        </message>
        <message>
            <source>Add &amp;vectors file…</source>
            <translation>添加词向量文件(&amp;V)…</translation>
        </message>
        <message>
            <source>A word-vectors file: .vec / .txt (text) or .bin (word2vec binary), optionally .gz</source>
            <translation>词向量文件：.vec / .txt（文本）或 .bin（word2vec 二进制），可为 .gz</translation>
        </message>
        <message>
            <source>&amp;Refresh runs</source>
            <translation>刷新运行列表(&amp;R)</translation>
        </message>
        <message>
            <source>List the workspace's finished runs again</source>
            <translation>重新列出工作区中已完成的运行</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>移除</translation>
        </message>
        <message>
            <source>Remove the selected models added by hand (Delete)</source>
            <translation>移除选中的手动添加的模型（Delete）</translation>
        </message>
        <message>
            <source>Tasks</source>
            <translation>任务</translation>
        </message>
        <message>
            <source>Folders with train.tsv and test.tsv (label&lt;TAB&gt;text per line); every checked model runs on every checked task</source>
            <translation>包含 train.tsv 和 test.tsv 的文件夹（每行：标签&lt;TAB&gt;文本）；每个勾选的模型都在每个勾选的任务上运行</translation>
        </message>
        <message>
            <source>Add &amp;task folder…</source>
            <translation>添加任务文件夹(&amp;T)…</translation>
        </message>
        <message>
            <source>A folder with train.tsv and test.tsv (optionally .gz)</source>
            <translation>包含 train.tsv 和 test.tsv 的文件夹（可为 .gz）</translation>
        </message>
        <message>
            <source>Remove the selected task folders (Delete)</source>
            <translation>移除选中的任务文件夹（Delete）</translation>
        </message>
        <message>
            <source>Options</source>
            <translation>选项</translation>
        </message>
        <message>
            <source>TF-IDF &amp;baseline</source>
            <translation>TF-IDF 基线(&amp;B)</translation>
        </message>
        <message>
            <source>A TF-IDF (word 1-2-grams) row first on every task, the classical reference</source>
            <translation>在每个任务上先加一行 TF-IDF（词 1-2 元组），作为经典参照</translation>
        </message>
        <message>
            <source>Also &amp;fine-tune BERT models</source>
            <translation>同时微调 BERT 模型(&amp;F)</translation>
        </message>
        <message>
            <source>BERT models get a second row: the whole model fine-tuned on the task (3 epochs, lr 3e-5) — slow on a CPU</source>
            <translation>BERT 模型多一行：整个模型在任务上微调（3 轮，lr 3e-5）——在 CPU 上较慢</translation>
        </message>
        <message>
            <source>&amp;Intrinsic benchmarks (built-in sets)</source>
            <translation>内在评测（内置数据集）(&amp;I)</translation>
        </message>
        <message>
            <source>Analogies and word similarity of every model's static vectors (BERT and ELMo: averaged over their contexts in the corpus sample below)</source>
            <translation>每个模型静态向量的类比和词相似度（BERT 和 ELMo：在下方语料样本中的上下文上取平均）</translation>
        </message>
        <message>
            <source>Contexts:</source>
            <translation>上下文：</translation>
        </message>
        <message>
            <source>corpus sample for BERT/ELMo static vectors (optional)</source>
            <translation>用于 BERT/ELMo 静态向量的语料样本（可选）</translation>
        </message>
        <message>
            <source>BERT and ELMo have no static vectors: a word's vector is averaged over its contexts in this corpus. Without it they are left out of the intrinsic table.</source>
            <translation>BERT 和 ELMo 没有静态向量：一个词的向量是它在该语料中各上下文向量的平均。不提供语料时，它们不出现在内在评测表中。</translation>
        </message>
        <message>
            <source>Browse…</source>
            <translation>浏览…</translation>
        </message>
        <message>
            <source>Run &amp;comparison</source>
            <translation>运行对比(&amp;C)</translation>
        </message>
        <message>
            <source>Every checked model on every checked task, in the background (Ctrl+Enter)</source>
            <translation>在后台让每个勾选的模型运行每个勾选的任务（Ctrl+Enter）</translation>
        </message>
        <message>
            <source>Ca&amp;ncel</source>
            <translation>取消(&amp;N)</translation>
        </message>
        <message>
            <source>Stop after the batch in progress (a fit already started runs to its end); finished rows stay</source>
            <translation>在当前批次结束后停止（已开始的拟合会运行到结束）；已完成的行会保留</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>模型</translation>
        </message>
        <message>
            <source>Analogy accuracy</source>
            <translation>类比准确率</translation>
        </message>
        <message>
            <source>Analogies answered</source>
            <translation>已回答的类比题</translation>
        </message>
        <message>
            <source>Spearman ρ</source>
            <translation>Spearman ρ</translation>
        </message>
        <message>
            <source>Pairs used</source>
            <translation>使用的词对</translation>
        </message>
        <message>
            <source>Save &amp;HTML report…</source>
            <translation>保存 HTML 报告(&amp;H)…</translation>
        </message>
        <message>
            <source>One self-contained HTML file with the tables and charts, to share (Ctrl+Shift+H)</source>
            <translation>一个包含表格和图表的独立 HTML 文件，便于分享（Ctrl+Shift+H）</translation>
        </message>
        <message>
            <source>Choose a model folder (BERT, ELMo or a Word2Vec run)</source>
            <translation>选择模型文件夹（BERT、ELMo 或 Word2Vec 运行）</translation>
        </message>
        <message>
            <source>Choose a word-vectors file</source>
            <translation>选择词向量文件</translation>
        </message>
        <message>
            <source>Word vectors (*.vec *.txt *.bin *.gz);;All files (*)</source>
            <translation>词向量 (*.vec *.txt *.bin *.gz);;所有文件 (*)</translation>
        </message>
        <message>
            <source>Not a model</source>
            <translation>不是模型</translation>
        </message>
        <message>
            <source>Choose a task folder (train.tsv and test.tsv)</source>
            <translation>选择任务文件夹（train.tsv 和 test.tsv）</translation>
        </message>
        <message>
            <source>Not a task folder</source>
            <translation>不是任务文件夹</translation>
        </message>
        <message>
            <source>Cancelling (after the step in progress)…</source>
            <translation>正在取消（当前步骤结束后）…</translation>
        </message>
        <message>
            <source>Running…</source>
            <translation>运行中…</translation>
        </message>
        <message>
            <source>Add a task folder (train.tsv and test.tsv), check the models to compare, then run.</source>
            <translation>添加任务文件夹（train.tsv 和 test.tsv），勾选要对比的模型，然后运行。</translation>
        </message>
        <message numerus="yes">
            <source>%n model(s) and the baseline on %1 task(s).</source>
            <translation>
                <numerusform>%n 个模型和基线，共 %1 个任务。</numerusform>
            </translation>
        </message>
        <message>
            <source>Check at least one task folder first.</source>
            <translation>请先勾选至少一个任务文件夹。</translation>
        </message>
        <message>
            <source>Check at least one model (or the TF-IDF baseline).</source>
            <translation>请先勾选至少一个模型（或 TF-IDF 基线）。</translation>
        </message>
        <message>
            <source>%1: no such file (the corpus sample for BERT/ELMo contexts)</source>
            <translation>%1：没有这个文件（用于 BERT/ELMo 上下文的语料样本）</translation>
        </message>
        <message numerus="yes">
            <source>Done: %n row(s) in %1 s.</source>
            <translation>
                <numerusform>完成：%n 行，用时 %1 秒。</numerusform>
            </translation>
        </message>
        <message>
            <source>Nothing to report yet: run a comparison first.</source>
            <translation>还没有可报告的内容：请先运行一次对比。</translation>
        </message>
        <message>
            <source>Save the comparison as an HTML report</source>
            <translation>将对比保存为 HTML 报告</translation>
        </message>
        <message>
            <source>HTML files (*.html *.htm)</source>
            <translation>HTML 文件 (*.html *.htm)</translation>
        </message>
        <message>
            <source>Report saved to %1</source>
            <translation>报告已保存到 %1</translation>
        </message>
        <message>
            <source>Chart:</source>
            <translation>图表：</translation>
        </message>
        <message>
            <source>Accuracy</source>
            <translation>准确率</translation>
        </message>
        <message>
            <source>Macro-F1</source>
            <translation>宏平均 F1</translation>
        </message>
        <message>
            <source>CSV…</source>
            <translation>CSV…</translation>
        </message>
        <message>
            <source>Save the comparison table as CSV</source>
            <translation>将对比表保存为 CSV</translation>
        </message>
        <message>
            <source>PNG…</source>
            <translation>PNG…</translation>
        </message>
        <message>
            <source>Save the bar chart and the heat map as a PNG image</source>
            <translation>将柱状图和热力图保存为 PNG 图片</translation>
        </message>
        <message>
            <source>Export the comparison charts as PNG</source>
            <translation>将对比图表导出为 PNG</translation>
        </message>
        <message>
            <source>Export the comparison as CSV</source>
            <translation>将对比导出为 CSV</translation>
        </message>
        <message>
            <source>PNG images (*.png)</source>
            <translation>PNG 图片 (*.png)</translation>
        </message>
        <message>
            <source>CSV files (*.csv)</source>
            <translation>CSV 文件 (*.csv)</translation>
        </message>
        <message>
            <source>Charts saved to %1</source>
            <translation>图表已保存到 %1</translation>
        </message>
        <message>
            <source>Comparison saved to %1</source>
            <translation>对比已保存到 %1</translation>
        </message>
    </context>
    <context>
        <name>embedlab::ui::ComparisonChart</name>
        <message>
            <source>accuracy</source>
            <translation>准确率</translation>
        </message>
        <message>
            <source>macro-F1</source>
            <translation>宏平均 F1</translation>
        </message>
        <message>
            <source>Accuracy by task and model</source>
            <translation>各任务和模型的准确率</translation>
        </message>
        <message>
            <source>Macro-F1 by task and model</source>
            <translation>各任务和模型的宏平均 F1</translation>
        </message>
    </context>
    <context>
        <name>embedlab::ui::ComparisonTable</name>
        <message numerus="yes">
            <source>%1 on %2: %n class(es)</source>
            <translation>
                <numerusform>%1 在 %2 上：%n 个类别</numerusform>
            </translation>
        </message>
        <message>
            <source>Model</source>
            <translation>模型</translation>
        </message>
        <message>
            <source>Task</source>
            <translation>任务</translation>
        </message>
        <message>
            <source>Accuracy</source>
            <translation>准确率</translation>
        </message>
        <message>
            <source>Macro-F1</source>
            <translation>宏平均 F1</translation>
        </message>
        <message>
            <source>Train s</source>
            <translation>训练秒数</translation>
        </message>
        <message>
            <source>Inference s</source>
            <translation>推理秒数</translation>
        </message>
    </context>
    <context>
        <name>embedlab::ui::ConfusionHeatmap</name>
        <message>
            <source>true: &lt;b&gt;%1&lt;/b&gt;&lt;br&gt;predicted: &lt;b&gt;%2&lt;/b&gt;&lt;br&gt;%3 of %4 (%5%)</source>
            <translation>真实：&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;预测：&lt;b&gt;%2&lt;/b&gt;&lt;br&gt;%4 中的 %3（%5%）</translation>
        </message>
        <message>
            <source>Run a classification to see its confusion matrix.</source>
            <translation>运行一次分类即可查看其混淆矩阵。</translation>
        </message>
        <message>
            <source>predicted</source>
            <translation>预测</translation>
        </message>
        <message>
            <source>true</source>
            <translation>真实</translation>
        </message>
    </context>
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
        <name>embedlab::ui::ElmoForm</name>
        <message>
            <source>all cores</source>
            <translation>全部核心</translation>
        </message>
        <message>
            <source>Character filters</source>
            <translation>字符卷积核</translation>
        </message>
        <message>
            <source>Convolutions over the characters of each token, as width:count pairs (e.g. "1:32, 2:32, 3:64"): filters of width k see k characters at a time; their maxima over the word make its encoding.</source>
            <translation>对每个词元的字符做卷积，写成 宽度:个数 对（例如“1:32, 2:32, 3:64”）：宽度为 k 的卷积核一次看 k 个字符；它们在整个词上的最大值构成该词的编码。</translation>
        </message>
        <message>
            <source>Highway layers</source>
            <translation>Highway 层数</translation>
        </message>
        <message>
            <source>Gated layers after the convolutions that mix the filter outputs (ELMo uses 2; 1 is faster).</source>
            <translation>卷积之后混合卷积输出的门控层（ELMo 用 2 层；1 层更快）。</translation>
        </message>
        <message>
            <source>LSTM hidden size</source>
            <translation>LSTM 隐藏层大小</translation>
        </message>
        <message>
            <source>Cell size of each LSTM layer, per direction.</source>
            <translation>每个 LSTM 层每个方向的单元大小。</translation>
        </message>
        <message>
            <source>Projection size</source>
            <translation>投影大小</translation>
        </message>
        <message>
            <source>Size of the token encoding and of each LSTM output after projection; each ELMo layer has twice this many dimensions (forward and backward).</source>
            <translation>词元编码以及投影后每个 LSTM 输出的大小；ELMo 每层的维度是它的两倍（前向和后向）。</translation>
        </message>
        <message>
            <source>Maximum vocabulary</source>
            <translation>最大词表</translation>
        </message>
        <message>
            <source>Words the output softmax predicts (the most frequent ones, with &lt;s&gt;, &lt;/s&gt; and &lt;unk&gt;). The input side reads characters, so any word can be encoded.</source>
            <translation>输出 softmax 预测的词（最常见的那些，加上 &lt;s&gt;、&lt;/s&gt; 和 &lt;unk&gt;）。输入端读取字符，因此任何词都能编码。</translation>
        </message>
        <message>
            <source>Sequence length</source>
            <translation>序列长度</translation>
        </message>
        <message>
            <source>Tokens per step of truncated back-propagation through time; the LSTM state is carried over to the next step.</source>
            <translation>截断时间反向传播每步的词元数；LSTM 状态延续到下一步。</translation>
        </message>
        <message>
            <source>Batch</source>
            <translation>批大小</translation>
        </message>
        <message>
            <source>Parallel streams of text per step.</source>
            <translation>每步并行的文本流数。</translation>
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
            <source>Learning rate</source>
            <translation>学习率</translation>
        </message>
        <message>
            <source>Adam's learning rate, e.g. 1e-3.</source>
            <translation>Adam 的学习率，例如 1e-3。</translation>
        </message>
        <message>
            <source>Threads</source>
            <translation>线程数</translation>
        </message>
        <message>
            <source>Worker threads (0: all cores). One thread with a fixed seed gives the same model every time.</source>
            <translation>工作线程数（0：全部核心）。单线程加固定种子每次得到相同的模型。</translation>
        </message>
        <message>
            <source>Seed</source>
            <translation>随机种子</translation>
        </message>
        <message>
            <source>Seed of the initial weights and of the sampled softmax.</source>
            <translation>初始权重和采样 softmax 的随机种子。</translation>
        </message>
        <message>
            <source>Character filters must be width:count pairs such as "1:32, 2:32, 3:64"; got "%1".</source>
            <translation>字符卷积核必须是 宽度:个数 对，例如“1:32, 2:32, 3:64”；当前为“%1”。</translation>
        </message>
        <message>
            <source>Learning rate must be a number above 0 and at most 1, such as 1e-3; got "%1".</source>
            <translation>学习率必须是大于 0 且不超过 1 的数，例如 1e-3；当前为“%1”。</translation>
        </message>
        <message>
            <source>ELMo</source>
            <translation>ELMo</translation>
        </message>
        <message>
            <source>Contextual vectors from a character-CNN and forward and backward LSTM language models (Peters et al. 2018).</source>
            <translation>由字符 CNN 和前向、后向 LSTM 语言模型得到的上下文向量（Peters 等，2018）。</translation>
        </message>
        <message>
            <source>tokens</source>
            <translation>词元</translation>
        </message>
    </context>
    <context>
        <name>embedlab::ui::ElmoPage</name>
        <message>
            <source>An ELMo model directory (model.safetensors and vocab.txt, from Train)</source>
            <translation>ELMo 模型目录（model.safetensors 和 vocab.txt，来自训练）</translation>
        </message>
        <message>
            <source>Open model…</source>
            <translation>打开模型…</translation>
        </message>
        <message>
            <source>No model</source>
            <translation>无模型</translation>
        </message>
        <message>
            <source>Learned layer weights on a task</source>
            <translation>在任务上学到的层权重</translation>
        </message>
        <message>
            <source>Neighbours per layer</source>
            <translation>各层的近邻</translation>
        </message>
        <message>
            <source>Task:</source>
            <translation>任务：</translation>
        </message>
        <message>
            <source>A directory with train.tsv and test.tsv (label&lt;TAB&gt;text)</source>
            <translation>包含 train.tsv 和 test.tsv 的目录（标签&lt;TAB&gt;文本）</translation>
        </message>
        <message>
            <source>Choose…</source>
            <translation>选择…</translation>
        </message>
        <message>
            <source>Epochs:</source>
            <translation>轮数：</translation>
        </message>
        <message>
            <source>&amp;Train mix</source>
            <translation>训练混合(&amp;T)</translation>
        </message>
        <message>
            <source>Stop</source>
            <translation>停止</translation>
        </message>
        <message>
            <source>Accuracy</source>
            <translation>准确率</translation>
        </message>
        <message>
            <source>Macro-F1</source>
            <translation>宏平均 F1</translation>
        </message>
        <message>
            <source>Layer 0 (characters)</source>
            <translation>第 0 层（字符）</translation>
        </message>
        <message>
            <source>Layer 1</source>
            <translation>第 1 层</translation>
        </message>
        <message>
            <source>Layer 2</source>
            <translation>第 2 层</translation>
        </message>
        <message>
            <source>Learned mix</source>
            <translation>学到的混合</translation>
        </message>
        <message>
            <source>Mix, refitted</source>
            <translation>混合（重新拟合）</translation>
        </message>
        <message>
            <source>The classifier trained jointly with the mix weights</source>
            <translation>与混合权重一起训练的分类器</translation>
        </message>
        <message>
            <source>The single-layer classifier (C by cross-validation) on the learned mix: the same classifier as the layer rows</source>
            <translation>在学到的混合上训练的单层分类器（C 由交叉验证选取）：与各层行所用的分类器相同</translation>
        </message>
        <message>
            <source>Sentence:</source>
            <translation>句子：</translation>
        </message>
        <message>
            <source>e.g. they rowed to the bank of the river</source>
            <translation>例如：they rowed to the bank of the river</translation>
        </message>
        <message>
            <source>Word:</source>
            <translation>单词：</translation>
        </message>
        <message>
            <source>Corpus sample:</source>
            <translation>语料样本：</translation>
        </message>
        <message>
            <source> lines</source>
            <translation> 行</translation>
        </message>
        <message>
            <source>&amp;Neighbours</source>
            <translation>近邻(&amp;N)</translation>
        </message>
        <message>
            <source>Layer 0: characters (no context)</source>
            <translation>第 0 层：字符（无上下文）</translation>
        </message>
        <message>
            <source>Layer 1: first biLSTM</source>
            <translation>第 1 层：第一个双向 LSTM</translation>
        </message>
        <message>
            <source>Layer 2: second biLSTM</source>
            <translation>第 2 层：第二个双向 LSTM</translation>
        </message>
        <message>
            <source>Send layer %1 to Explorer</source>
            <translation>将第 %1 层发送到探索页</translation>
        </message>
        <message>
            <source>No corpus: choose one on the Data page first.</source>
            <translation>没有语料：请先在“数据”页选择语料。</translation>
        </message>
        <message>
            <source>Open an ELMo model directory</source>
            <translation>打开 ELMo 模型目录</translation>
        </message>
        <message>
            <source>Choose a classification task</source>
            <translation>选择分类任务</translation>
        </message>
        <message>
            <source>Loading %1…</source>
            <translation>正在加载 %1…</translation>
        </message>
        <message>
            <source>%1 layers · %2 dimensions · %3 words</source>
            <translation>%1 层 · %2 维 · %3 个词</translation>
        </message>
        <message>
            <source>ELMo model loaded: %1</source>
            <translation>已加载 ELMo 模型：%1</translation>
        </message>
        <message>
            <source>Starting…</source>
            <translation>正在启动…</translation>
        </message>
        <message>
            <source>Training the scalar mix on %1…</source>
            <translation>正在 %1 上训练标量混合…</translation>
        </message>
        <message>
            <source>Loading the model and the task…</source>
            <translation>正在加载模型和任务…</translation>
        </message>
        <message>
            <source>Running the biLM over the task's texts: %1 of %2</source>
            <translation>正在对任务文本运行双向语言模型：%2 中的 %1</translation>
        </message>
        <message>
            <source>Learning the mix: epoch %1 of %2, loss %3</source>
            <translation>正在学习混合：第 %1 / %2 轮，损失 %3</translation>
        </message>
        <message>
            <source>Classifier on layer %1 alone…</source>
            <translation>仅用第 %1 层的分类器…</translation>
        </message>
        <message>
            <source>Classifier on the learned mix…</source>
            <translation>在学到的混合上的分类器…</translation>
        </message>
        <message>
            <source>Finished: weights %1, γ %2 (%3 training and %4 test texts).</source>
            <translation>完成：权重 %1，γ %2（%3 条训练文本，%4 条测试文本）。</translation>
        </message>
        <message>
            <source>Scalar mix trained: accuracy %1 with the learned mix.</source>
            <translation>标量混合训练完成：使用学到的混合时准确率为 %1。</translation>
        </message>
        <message>
            <source>Stopped.</source>
            <translation>已停止。</translation>
        </message>
        <message>
            <source>Failed.</source>
            <translation>失败。</translation>
        </message>
        <message>
            <source>The scalar mix could not be trained: %1</source>
            <translation>无法训练标量混合：%1</translation>
        </message>
        <message>
            <source>Embedding the sentence…</source>
            <translation>正在嵌入句子…</translation>
        </message>
        <message>
            <source>Running the biLM over the first %1 lines of the corpus…</source>
            <translation>正在对语料的前 %1 行运行双向语言模型…</translation>
        </message>
        <message numerus="yes">
            <source>Neighbours among %n word occurrence(s) of %1 corpus lines.</source>
            <translation>
                <numerusform>在 %1 行语料中的 %n 次词出现中查找近邻。</numerusform>
            </translation>
        </message>
        <message>
            <source>Layer %1 of ELMo sent to the Explore page.</source>
            <translation>已将 ELMo 的第 %1 层发送到“探索”页。</translation>
        </message>
    </context>
    <context>
        <name>embedlab::ui::EvaluatePage</name>
        <message>
            <source>built-in (small)</source>
            <translation>内置（小）</translation>
        </message>
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
            <source>Word benchmarks</source>
            <translation>词评测</translation>
        </message>
        <message>
            <source>Classification</source>
            <translation>分类</translation>
        </message>
        <message>
            <source>Compare models</source>
            <translation>模型对比</translation>
        </message>
        <message>
            <source>Several runs and models (Word2Vec, BERT, ELMo) on several tasks, in one table, chart and HTML report</source>
            <translation>多个运行和模型（Word2Vec、BERT、ELMo）在多个任务上，汇总成一张表、图表和 HTML 报告</translation>
        </message>
        <message>
            <source>Benchmarks</source>
            <translation>基准测试</translation>
        </message>
        <message>
            <source>Built-in (small)</source>
            <translation>内置（小）</translation>
        </message>
        <message>
            <source>File</source>
            <translation>文件</translation>
        </message>
        <message>
            <source>None</source>
            <translation>无</translation>
        </message>
        <message>
            <source>The built-in set (564 questions: capitals, nationalities, family, plurals, comparatives, superlatives, past tense, opposites), a file, or no analogy test</source>
            <translation>内置数据集（564 道题：首都、国籍、亲属、复数、比较级、最高级、过去式、反义词）、一个文件，或不做类比测试</translation>
        </message>
        <message>
            <source>The built-in set (149 word pairs scored 0-10), a file, or no similarity test</source>
            <translation>内置数据集（149 个词对，评分 0-10）、一个文件，或不做相似度测试</translation>
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
            <source>Analogy questions in the Google format</source>
            <translation>Google 格式的类比题</translation>
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
            <source>Word pairs with human similarity scores</source>
            <translation>带人工相似度评分的词对</translation>
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
            <source>Evaluate the current vectors on the chosen sets</source>
            <translation>用所选数据集评估当前词向量</translation>
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
            <source>PNG…</source>
            <translation>PNG…</translation>
        </message>
        <message>
            <source>Save both charts as a PNG image</source>
            <translation>将两张图表保存为 PNG 图片</translation>
        </message>
        <message>
            <source>CSV…</source>
            <translation>CSV…</translation>
        </message>
        <message>
            <source>Save the results (sections, correlations and every scored pair) as CSV</source>
            <translation>将结果（各分区、相关系数和每个评分词对）保存为 CSV</translation>
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
            <source>Running…</source>
            <translation>运行中…</translation>
        </message>
        <message>
            <source>Cancelled.</source>
            <translation>已取消。</translation>
        </message>
        <message>
            <source>Analogies (%1, %2): %3 of %4 correct (accuracy %5%); %6 questions skipped as out of vocabulary; %7 s.</source>
            <translation>类比（%1，%2）：%4 题中答对 %3 题（准确率 %5%）；%6 道题因超出词表被跳过；%7 秒。</translation>
        </message>
        <message>
            <source>n/a</source>
            <translation>不适用</translation>
        </message>
        <message>
            <source>Similarity (%1): Spearman ρ = %2, Pearson r = %3 over %4 pairs; %5 pairs out of vocabulary.</source>
            <translation>相似度（%1）：Spearman ρ = %2，Pearson r = %3，共 %4 个词对；%5 个词对超出词表。</translation>
        </message>
        <message>
            <source>Saved with the run: %1</source>
            <translation>已随运行保存：%1</translation>
        </message>
        <message>
            <source>Saved evaluation of %1 (from %2); run the benchmarks again to refresh it.</source>
            <translation>%1 的已保存评估（来自 %2）；重新运行评测即可刷新。</translation>
        </message>
        <message>
            <source>The result could not be saved with the run: %1</source>
            <translation>结果无法随运行保存：%1</translation>
        </message>
        <message>
            <source>The saved evaluation of this run cannot be read: %1</source>
            <translation>无法读取此运行已保存的评估：%1</translation>
        </message>
        <message>
            <source>Choose the analogy and similarity sets (the built-in ones work with any English vectors), then run the benchmarks.</source>
            <translation>选择类比和相似度数据集（内置数据集适用于任何英文词向量），然后运行评测。</translation>
        </message>
        <message>
            <source>total</source>
            <translation>合计</translation>
        </message>
        <message>
            <source>No vectors are loaded.</source>
            <translation>尚未加载词向量。</translation>
        </message>
        <message>
            <source>Choose a benchmark set first.</source>
            <translation>请先选择评测数据集。</translation>
        </message>
        <message>
            <source>%1: no result to export</source>
            <translation>%1：没有可导出的结果</translation>
        </message>
        <message>
            <source>Export the benchmark charts as PNG</source>
            <translation>将评测图表导出为 PNG</translation>
        </message>
        <message>
            <source>PNG images (*.png)</source>
            <translation>PNG 图片 (*.png)</translation>
        </message>
        <message>
            <source>Charts saved to %1</source>
            <translation>图表已保存到 %1</translation>
        </message>
        <message>
            <source>Export the benchmark results as CSV</source>
            <translation>将评测结果导出为 CSV</translation>
        </message>
        <message>
            <source>CSV files (*.csv)</source>
            <translation>CSV 文件 (*.csv)</translation>
        </message>
        <message>
            <source>Results saved to %1</source>
            <translation>结果已保存到 %1</translation>
        </message>
    </context>
    <context>
        <name>embedlab::ui::ExplorePage</name>
        <message>
            <source>Map</source>
            <translation>映射图</translation>
        </message>
        <message>
            <source>PCA and t-SNE maps of the vectors</source>
            <translation>词向量的 PCA 和 t-SNE 映射图</translation>
        </message>
        <message>
            <source>Neighbours and analogies</source>
            <translation>近邻和类比</translation>
        </message>
        <message>
            <source>Nearest neighbours of a word and analogy questions</source>
            <translation>一个词的最近邻和类比题</translation>
        </message>
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
        <name>embedlab::ui::LayerWeightsChart</name>
        <message>
            <source>Layer weights softmax(s) and γ</source>
            <translation>层权重 softmax(s) 和 γ</translation>
        </message>
        <message>
            <source>Weights over the epochs</source>
            <translation>各轮的权重</translation>
        </message>
        <message>
            <source>Layer %1</source>
            <translation>第 %1 层</translation>
        </message>
        <message>
            <source>L%1</source>
            <comment>short for layer N under a bar</comment>
            <translation>L%1</translation>
        </message>
        <message>
            <source>γ</source>
            <translation>γ</translation>
        </message>
        <message>
            <source>weight</source>
            <translation>权重</translation>
        </message>
        <message>
            <source>value</source>
            <translation>数值</translation>
        </message>
        <message>
            <source>layer</source>
            <translation>层</translation>
        </message>
        <message>
            <source>epoch</source>
            <translation>轮</translation>
        </message>
    </context>
    <context>
        <name>embedlab::ui::MainWindow</name>
        <message>
            <source>BERT contexts</source>
            <translation>BERT 上下文</translation>
        </message>
        <message>
            <source>ELMo contexts</source>
            <translation>ELMo 上下文</translation>
        </message>
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
            <source>5  BERT</source>
            <translation>5  BERT</translation>
        </message>
        <message>
            <source>6  ELMo</source>
            <translation>6  ELMo</translation>
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
            <source>Maps, nearest neighbours and analogies in the learned vectors</source>
            <translation>学到的词向量的映射图、最近邻和类比</translation>
        </message>
        <message>
            <source>Benchmark and compare the learned representations</source>
            <translation>评测并对比学到的表示</translation>
        </message>
        <message>
            <source>Attention and contextual vectors of a BERT model</source>
            <translation>BERT 模型的注意力和上下文向量</translation>
        </message>
        <message>
            <source>ELMo's layers: learned weights and per-layer neighbours</source>
            <translation>ELMo 的各层：学到的权重和各层近邻</translation>
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
            <source>&amp;BERT</source>
            <translation>&amp;BERT</translation>
        </message>
        <message>
            <source>E&amp;LMo</source>
            <translation>E&amp;LMo</translation>
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
        <name>embedlab::ui::MapPanel</name>
        <message>
            <source>The projection failed: %1</source>
            <translation>投影失败：%1</translation>
        </message>
        <message>
            <source>Stopped.</source>
            <translation>已停止。</translation>
        </message>
        <message>
            <source>k-means failed: %1</source>
            <translation>k-means 失败：%1</translation>
        </message>
        <message>
            <source>Words on the map</source>
            <translation>映射图上的词</translation>
        </message>
        <message>
            <source>Most frequent words</source>
            <translation>最常见的词</translation>
        </message>
        <message>
            <source>Matches of a search</source>
            <translation>搜索匹配</translation>
        </message>
        <message>
            <source>Neighbours of a word</source>
            <translation>某个词的近邻</translation>
        </message>
        <message>
            <source>All words</source>
            <translation>所有词</translation>
        </message>
        <message>
            <source>Which rows of the vectors are projected onto the map</source>
            <translation>将词向量中的哪些行投影到映射图上</translation>
        </message>
        <message>
            <source>At most:</source>
            <translation>最多：</translation>
        </message>
        <message>
            <source>How many words to show: the most frequent ones, the most frequent matches, or the nearest neighbours</source>
            <translation>显示多少个词：最常见的词、最常见的匹配，或最近邻</translation>
        </message>
        <message>
            <source>For "Matches of a search": a regular expression (case-insensitive); for "Neighbours of a word": the word</source>
            <translation>对“搜索匹配”：正则表达式（不区分大小写）；对“某个词的近邻”：该词</translation>
        </message>
        <message>
            <source>Projection</source>
            <translation>投影</translation>
        </message>
        <message>
            <source>PCA: a linear projection onto two principal components (fast, keeps global structure); t-SNE: a non-linear map that keeps neighbourhoods (slower, animated)</source>
            <translation>PCA：投影到两个主成分的线性投影（快，保留全局结构）；t-SNE：保留邻域的非线性映射（较慢，带动画）</translation>
        </message>
        <message>
            <source>Components:</source>
            <translation>主成分：</translation>
        </message>
        <message>
            <source>Principal component on the horizontal axis (1 = largest variance)</source>
            <translation>横轴上的主成分（1 = 方差最大）</translation>
        </message>
        <message>
            <source>Principal component on the vertical axis</source>
            <translation>纵轴上的主成分</translation>
        </message>
        <message>
            <source>Perplexity:</source>
            <translation>困惑度：</translation>
        </message>
        <message>
            <source>Effective number of neighbours each point attends to (5–50 is typical; must be below the number of points)</source>
            <translation>每个点关注的有效近邻数（通常为 5–50；必须小于点数）</translation>
        </message>
        <message>
            <source>Learning rate:</source>
            <translation>学习率：</translation>
        </message>
        <message>
            <source>auto</source>
            <translation>自动</translation>
        </message>
        <message>
            <source>Gradient step size; auto uses max(n / 48, 50) as scikit-learn does</source>
            <translation>梯度步长；自动时与 scikit-learn 一样取 max(n / 48, 50)</translation>
        </message>
        <message>
            <source>Iterations:</source>
            <translation>迭代次数：</translation>
        </message>
        <message>
            <source>Optimisation steps (the first 250 use early exaggeration)</source>
            <translation>优化步数（前 250 步使用早期夸大）</translation>
        </message>
        <message>
            <source>Seed:</source>
            <translation>随机种子：</translation>
        </message>
        <message>
            <source>Random seed: the same seed and settings give the same map</source>
            <translation>随机种子：相同的种子和设置得到相同的映射图</translation>
        </message>
        <message>
            <source>Pause or resume the running t-SNE</source>
            <translation>暂停或继续正在运行的 t-SNE</translation>
        </message>
        <message>
            <source>Stop</source>
            <translation>停止</translation>
        </message>
        <message>
            <source>Stop the projection; the map keeps the coordinates reached so far</source>
            <translation>停止投影；映射图保留目前得到的坐标</translation>
        </message>
        <message>
            <source>View</source>
            <translation>视图</translation>
        </message>
        <message>
            <source>Colour:</source>
            <translation>颜色：</translation>
        </message>
        <message>
            <source>Frequency rank</source>
            <translation>频率排名</translation>
        </message>
        <message>
            <source>k-means clusters</source>
            <translation>k-means 聚类</translation>
        </message>
        <message>
            <source>Colour points by how frequent the word is, or by k-means clusters of the original vectors</source>
            <translation>按词的频率或按原始向量的 k-means 聚类给点着色</translation>
        </message>
        <message>
            <source>Clusters:</source>
            <translation>聚类数：</translation>
        </message>
        <message>
            <source>Number of k-means clusters (computed on the original vectors, cosine geometry)</source>
            <translation>k-means 聚类数（在原始向量上按余弦几何计算）</translation>
        </message>
        <message>
            <source>Search (regular expression)</source>
            <translation>搜索（正则表达式）</translation>
        </message>
        <message>
            <source>Highlight the words that match a regular expression, e.g. ^un or (ing|ed)$</source>
            <translation>高亮匹配正则表达式的词，例如 ^un 或 (ing|ed)$</translation>
        </message>
        <message>
            <source>Neighbours (k):</source>
            <translation>近邻数 (k)：</translation>
        </message>
        <message>
            <source>How many nearest neighbours of the clicked word to list (cosine in the original space)</source>
            <translation>列出被点击词的多少个最近邻（原始空间中的余弦）</translation>
        </message>
        <message>
            <source>Isolate selection</source>
            <translation>只显示所选</translation>
        </message>
        <message>
            <source>Show only the selected, highlighted and linked points</source>
            <translation>只显示选中、高亮和相连的点</translation>
        </message>
        <message>
            <source>Reset view</source>
            <translation>重置视图</translation>
        </message>
        <message>
            <source>Fit the whole map in the view (Home)</source>
            <translation>让整个映射图适应视图（Home）</translation>
        </message>
        <message>
            <source>Export</source>
            <translation>导出</translation>
        </message>
        <message>
            <source>Save the current view as PNG or SVG, or the coordinates as TSV</source>
            <translation>将当前视图保存为 PNG 或 SVG，或将坐标保存为 TSV</translation>
        </message>
        <message>
            <source>Image (PNG)…</source>
            <translation>图片 (PNG)…</translation>
        </message>
        <message>
            <source>Vector image (SVG)…</source>
            <translation>矢量图 (SVG)…</translation>
        </message>
        <message>
            <source>Coordinates (TSV)…</source>
            <translation>坐标 (TSV)…</translation>
        </message>
        <message>
            <source>Wheel or +/− to zoom, drag or arrow keys to pan, Home to fit. Click a word to list its neighbours; Shift+click or Shift+drag to select several.</source>
            <translation>滚轮或 +/− 缩放，拖动或方向键平移，Home 适应视图。点击一个词列出它的近邻；Shift+点击或 Shift+拖动可选择多个。</translation>
        </message>
        <message>
            <source>Nearest neighbours of the clicked word (original space)</source>
            <translation>被点击词的最近邻（原始空间）</translation>
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
            <source>On the map</source>
            <translation>在映射图上</translation>
        </message>
        <message>
            <source>Double-click a neighbour to select it on the map</source>
            <translation>双击一个近邻即可在映射图上选中它</translation>
        </message>
        <message>
            <source>word</source>
            <translation>单词</translation>
        </message>
        <message>
            <source>regular expression, e.g. ^[a-z]+ing$</source>
            <translation>正则表达式，例如 ^[a-z]+ing$</translation>
        </message>
        <message>
            <source>Re-run</source>
            <translation>重新运行</translation>
        </message>
        <message>
            <source>Run</source>
            <translation>运行</translation>
        </message>
        <message>
            <source>Compute the map of the chosen words with these settings (restarts a running projection)</source>
            <translation>用这些设置计算所选词的映射图（会重新开始正在运行的投影）</translation>
        </message>
        <message>
            <source>Resume</source>
            <translation>继续</translation>
        </message>
        <message>
            <source>Pause</source>
            <translation>暂停</translation>
        </message>
        <message>
            <source>Computing…</source>
            <translation>正在计算…</translation>
        </message>
        <message>
            <source>Type a regular expression to choose the words.</source>
            <translation>输入正则表达式来选择词。</translation>
        </message>
        <message>
            <source>Invalid regular expression at position %1: %2</source>
            <translation>正则表达式在位置 %1 处无效：%2</translation>
        </message>
        <message>
            <source>No word matches "%1".</source>
            <translation>没有词匹配“%1”。</translation>
        </message>
        <message>
            <source>Type a word to map its neighbours.</source>
            <translation>输入一个词来映射它的近邻。</translation>
        </message>
        <message>
            <source>"%1" is not in the vocabulary.</source>
            <translation>“%1”不在词表中。</translation>
        </message>
        <message numerus="yes">
            <source>A map needs at least 3 words; %n chosen.</source>
            <translation>
                <numerusform>映射图至少需要 3 个词；当前选了 %n 个。</numerusform>
            </translation>
        </message>
        <message>
            <source>No vectors are loaded.</source>
            <translation>尚未加载词向量。</translation>
        </message>
        <message>
            <source>Choose two different components, at most %1 for these words.</source>
            <translation>请选择两个不同的主成分，对这些词最多为 %1。</translation>
        </message>
        <message numerus="yes">
            <source>Computing PCA of %n word(s)…</source>
            <translation>
                <numerusform>正在计算 %n 个词的 PCA…</numerusform>
            </translation>
        </message>
        <message>
            <source>The perplexity must be below the number of words minus one (%1).</source>
            <translation>困惑度必须小于词数减一（%1）。</translation>
        </message>
        <message numerus="yes">
            <source>t-SNE: finding neighbours of %n word(s)…</source>
            <translation>
                <numerusform>t-SNE：正在查找 %n 个词的近邻…</numerusform>
            </translation>
        </message>
        <message>
            <source>PC%1: %2% and PC%3: %4% of the variance (%5 words)</source>
            <translation>PC%1：%2%，PC%3：%4% 的方差（%5 个词）</translation>
        </message>
        <message>
            <source>t-SNE (%1): %2 iterations, KL %3, %4 s</source>
            <translation>t-SNE（%1）：%2 次迭代，KL %3，%4 秒</translation>
        </message>
        <message>
            <source>t-SNE: iteration %1 of %2, KL %3</source>
            <translation>t-SNE：第 %1 / %2 次迭代，KL %3</translation>
        </message>
        <message numerus="yes">
            <source>%n word(s) on the map match.</source>
            <translation>
                <numerusform>映射图上有 %n 个词匹配。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Clustering %n word(s)…</source>
            <translation>
                <numerusform>正在对 %n 个词聚类…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n cluster(s) (k-means on the original vectors).</source>
            <translation>
                <numerusform>%n 个聚类（在原始向量上做 k-means）。</numerusform>
            </translation>
        </message>
        <message>
            <source>yes</source>
            <translation>是</translation>
        </message>
        <message>
            <source>no</source>
            <translation>否</translation>
        </message>
        <message>
            <source>Nearest neighbours of "%1" (original space, cosine)</source>
            <translation>“%1”的最近邻（原始空间，余弦）</translation>
        </message>
        <message>
            <source>"%1" is not on the map.</source>
            <translation>“%1”不在映射图上。</translation>
        </message>
        <message>
            <source>PNG images (*.png)</source>
            <translation>PNG 图片 (*.png)</translation>
        </message>
        <message>
            <source>SVG images (*.svg)</source>
            <translation>SVG 图片 (*.svg)</translation>
        </message>
        <message>
            <source>Tab-separated values (*.tsv)</source>
            <translation>制表符分隔值 (*.tsv)</translation>
        </message>
        <message>
            <source>Export the map</source>
            <translation>导出映射图</translation>
        </message>
        <message>
            <source>Saved %1.</source>
            <translation>已保存 %1。</translation>
        </message>
    </context>
    <context>
        <name>embedlab::ui::MapWidget</name>
        <message>
            <source>frequent</source>
            <translation>常见</translation>
        </message>
        <message>
            <source>rare</source>
            <translation>罕见</translation>
        </message>
        <message>
            <source>No map yet: choose the words to show and run a projection.</source>
            <translation>还没有映射图：选择要显示的词并运行投影。</translation>
        </message>
        <message>
            <source>EmbedLab map</source>
            <translation>EmbedLab 映射图</translation>
        </message>
        <message numerus="yes">
            <source>%n point(s)</source>
            <translation>
                <numerusform>%n 个点</numerusform>
            </translation>
        </message>
        <message>
            <source>%1: could not render the map as SVG</source>
            <translation>%1：无法将映射图渲染为 SVG</translation>
        </message>
        <message>
            <source>frequency rank %1</source>
            <translation>频率排名 %1</translation>
        </message>
        <message>
            <source>cluster %1</source>
            <translation>聚类 %1</translation>
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
        <name>embedlab::ui::SimilarityScatter</name>
        <message>
            <source>&lt;b&gt;%1 – %2&lt;/b&gt;: human %3, cosine %4</source>
            <translation>&lt;b&gt;%1 – %2&lt;/b&gt;：人工 %3，余弦 %4</translation>
        </message>
        <message>
            <source>human score</source>
            <translation>人工评分</translation>
        </message>
        <message>
            <source>cosine similarity</source>
            <translation>余弦相似度</translation>
        </message>
        <message>
            <source>Human score vs cosine</source>
            <translation>人工评分与余弦</translation>
        </message>
        <message>
            <source>Spearman ρ = %1, Pearson r = %2 (%3 pairs, %4 OOV)</source>
            <translation>Spearman ρ = %1，Pearson r = %2（%3 个词对，%4 个超出词表）</translation>
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
            <source>C&amp;ontinue</source>
            <translation>接续(&amp;O)</translation>
        </message>
        <message>
            <source>Continue the selected stopped run from its checkpoint, in the same run folder, with its recorded settings and corpus files</source>
            <translation>从检查点接续选中的已停止运行，使用同一运行文件夹及其记录的设置和语料文件</translation>
        </message>
        <message>
            <source>Continue run</source>
            <translation>接续运行</translation>
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
        <message numerus="yes">
            <source>Training %1 on %n file(s)…</source>
            <translation>
                <numerusform>正在用 %n 个文件训练 %1…</numerusform>
            </translation>
        </message>
        <message>
            <source>Starting…</source>
            <translation>正在启动…</translation>
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
            <source>could not continue: %1</source>
            <translation>无法接续：%1</translation>
        </message>
        <message>
            <source>unknown error</source>
            <translation>未知错误</translation>
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
            <source>Stopped; the run could not be continued.</source>
            <translation>已停止；该运行无法接续。</translation>
        </message>
        <message>
            <source>Run "%1" could not be continued; it stays stopped with its checkpoint: %2</source>
            <translation>运行“%1”无法接续；它保持停止状态并保留检查点：%2</translation>
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
            <source>Stopped; the vectors learned so far are saved.</source>
            <translation>已停止；目前学到的词向量已保存。</translation>
        </message>
        <message>
            <source>Stopped; saving the vectors learned so far…</source>
            <translation>已停止；正在保存目前学到的词向量…</translation>
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
            <source>%1 %2/s on average</source>
            <translation>平均 %1 %2/秒</translation>
        </message>
        <message>
            <source>step</source>
            <translation>步数</translation>
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
        <message>
            <source>No run is selected.</source>
            <translation>未选择运行。</translation>
        </message>
        <message>
            <source>A run is training: stop it or wait for it to end first.</source>
            <translation>有运行正在训练：请先停止它或等待其结束。</translation>
        </message>
        <message>
            <source>Run "%1" was not stopped: only a stopped run can be continued.</source>
            <translation>运行“%1”不是停止状态：只有已停止的运行可以接续。</translation>
        </message>
        <message>
            <source>Run "%1" has no checkpoint to continue from (%2).</source>
            <translation>运行“%1”没有可接续的检查点（%2）。</translation>
        </message>
        <message>
            <source>unknown model</source>
            <translation>未知模型</translation>
        </message>
        <message>
            <source>Run "%1" has no recorded corpus files: it cannot be continued.</source>
            <translation>运行“%1”没有记录语料文件：无法接续。</translation>
        </message>
        <message>
            <source>Cannot continue run "%1": its corpus file %2 is gone (or is not a file). Put it back where it was to continue from the checkpoint.</source>
            <translation>无法接续运行“%1”：其语料文件 %2 已不存在（或不是文件）。请将它放回原处，再从检查点接续。</translation>
        </message>
        <message>
            <source>Cannot continue run "%1": its recorded settings are not valid: %2</source>
            <translation>无法接续运行“%1”：其记录的设置无效：%2</translation>
        </message>
        <message>
            <source>Continuing %1 from its checkpoint…</source>
            <translation>正在从检查点接续 %1…</translation>
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
            <source>stopped (vectors saved): %1</source>
            <translation>已停止（词向量已保存）：%1</translation>
        </message>
        <message>
            <source>stopped; the vectors could not be saved: %1</source>
            <translation>已停止；词向量无法保存：%1</translation>
        </message>
        <message>
            <source>stopped (saving the vectors…): %1</source>
            <translation>已停止（正在保存词向量…）：%1</translation>
        </message>
        <message>
            <source>The run's record could not be saved: %1</source>
            <translation>无法保存该运行的记录：%1</translation>
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
            <source>loss (log scale)</source>
            <translation>损失（对数坐标）</translation>
        </message>
        <message>
            <source>loss</source>
            <translation>损失</translation>
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
            <source>Starting learning rate. Empty: 0.025 for skip-gram, 0.05 for CBOW.</source>
            <translation>初始学习率。留空：skip-gram 为 0.025，CBOW 为 0.05。</translation>
        </message>
        <message>
            <source>Final learning rate</source>
            <translation>最终学习率</translation>
        </message>
        <message>
            <source>The learning rate decays linearly from the starting rate to this fraction of it by the end of training. At the usual 5 epochs 0.1 gave better vectors than word2vec.c's 0.0001 on every corpus measured; use 0.0001 to train exactly as word2vec.c does.</source>
            <translation>学习率从初始值线性衰减，训练结束时降到初始值的这一比例。在常用的 5 个轮次下，所测的每个语料上 0.1 得到的向量都优于 word2vec.c 的 0.0001；设为 0.0001 则与 word2vec.c 的训练方式完全相同。</translation>
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
            <source>Final learning rate must be a fraction of the starting rate from 0 to 1, such as 0.1; got "%1".</source>
            <translation>最终学习率必须是初始学习率的 0 到 1 之间的比例，例如 0.1；当前为“%1”。</translation>
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