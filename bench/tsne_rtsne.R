# Rtsne (bhtsne, Barnes-Hut) on DIR/data.tsv from the shared initial map DIR/init.tsv.
# usage: Rscript tsne_rtsne.R DIR OUT.tsv THREADS   -> JSON on stdout
# bhtsne's gradient has no factor 4, so its eta is 4x ours / scikit-learn's: max(n / 12, 200).
# Y_init would also zero the exaggeration and momentum-switch iterations: set them back to 250.
# pca = FALSE: the same 100-d input as the other tools (its default would reduce to 50-d first).
suppressMessages(library(Rtsne))
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]; out <- args[2]; threads <- as.integer(args[3])
x <- as.matrix(read.table(file.path(dir, "data.tsv"), sep = "\t", colClasses = "numeric"))
init <- as.matrix(read.table(file.path(dir, "init.tsv"), sep = "\t", colClasses = "numeric"))
n <- nrow(x)
eta <- 4 * max(n / 12 / 4, 50)
start <- proc.time()[["elapsed"]]
r <- Rtsne(x, dims = 2, perplexity = 30, theta = 0.5, max_iter = 1000, pca = FALSE,
           Y_init = init, stop_lying_iter = 250, mom_switch_iter = 250, momentum = 0.5,
           final_momentum = 0.8, eta = eta, exaggeration_factor = 12, check_duplicates = FALSE,
           num_threads = threads)
seconds <- proc.time()[["elapsed"]] - start
write.table(format(r$Y, digits = 9), out, sep = "\t", row.names = FALSE, col.names = FALSE, quote = FALSE)
cat(sprintf('{"seconds": %.3f, "kl_reported": %.5f, "eta": %.1f}\n', seconds, tail(r$itercosts, 1), eta))
