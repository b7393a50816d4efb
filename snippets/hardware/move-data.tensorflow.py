# title: Moving data between host and device
import numpy as np
import tensorflow as tf

host = np.arange(6, dtype="float32").reshape(2, 3)
target = "/GPU:0" if tf.config.list_logical_devices("GPU") else "/CPU:0"
with tf.device(target):
    on_device = tf.identity(host)  # copies into the device in scope
print("on device:", tf.DeviceSpec.from_string(on_device.device).device_type)
with tf.device(target):
    doubled = on_device * 2.0
back = doubled.numpy()  # .numpy() always copies back to host memory
print("back on host:", type(back).__name__, back.dtype)
print("values:", back.tolist())
print("round trip equal:", bool(np.array_equal(back / 2.0, host)))
