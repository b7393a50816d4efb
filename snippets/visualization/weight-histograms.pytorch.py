# title: Log a histogram of the same weights at two steps and read the buckets back
import numpy as np
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
from torch.utils.tensorboard import SummaryWriter

weights = np.random.RandomState(0).normal(size=1000).astype("float32")

writer = SummaryWriter("logs/pytorch")
for step, scale in enumerate((1.0, 0.5)):  # e.g. weights shrinking under weight decay
    # bins=30 gives 30 equal-width buckets, like tf.summary.histogram(buckets=30).
    # The default, bins="tensorflow", uses TF1's exponential bucket edges instead.
    writer.add_histogram("dense/kernel", weights * scale, step, bins=30)
writer.close()

events = EventAccumulator("logs/pytorch", size_guidance={"histograms": 0})
events.Reload()
for event in events.Histograms("dense/kernel"):
    # The classic HistogramProto: right edges and counts, plus min/max/num/sum.
    # Its first bucket is an empty one that ends at min; skip it.
    histogram = event.histogram_value
    counts = [int(c) for c in histogram.bucket[1:]]
    print(
        f"step {event.step}: n={int(histogram.num)} min={histogram.min:.8g} "
        f"max={histogram.max:.8g} buckets={len(counts)}"
    )
    print("  counts:", counts)
