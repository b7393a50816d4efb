# title: Log an image, then decode the stored PNG and check its pixels
import io

import numpy as np
from PIL import Image
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
from torch.utils.tensorboard import SummaryWriter

# An 8x12 RGB gradient as uint8, so neither framework rescales or rounds it.
rows, cols = np.mgrid[0:8, 0:12]
image = np.stack([rows * 32, cols * 21, np.full_like(rows, 128)], axis=-1).astype(
    "uint8"
)

writer = SummaryWriter("logs/pytorch")
writer.add_image("inputs/gradient", image, 0, dataformats="HWC")  # default is CHW
writer.close()

events = EventAccumulator("logs/pytorch", size_guidance={"images": 0})
events.Reload()
event = events.Images("inputs/gradient")[0]
# add_image writes the classic image summary: width, height and the encoded PNG.
png = event.encoded_image_string
pixels = np.asarray(Image.open(io.BytesIO(png)))
print(f"stored: {event.width}x{event.height} PNG, {png[:4]!r}")
print("decoded shape (H, W, C):", pixels.shape)
print("round trip exact:", bool((pixels == image).all()))
print("top-left, bottom-right:", pixels[0, 0].tolist(), pixels[-1, -1].tolist())
