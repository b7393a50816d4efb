# title: Hugging Face Transformers 5 has no TensorFlow models
# differs: Transformers 5 removed its TensorFlow classes, so the TensorFlow half can only show the import error
# same: ^transformers \d
# same: ^TensorFlow model classes exported:
import transformers

print("transformers", transformers.__version__)
tf_classes = [
    name for name in dir(transformers) if name.startswith("TF") and name[2:3].isupper()
]
print("TensorFlow model classes exported:", len(tf_classes))
try:
    from transformers import TFAutoModel  # worked in Transformers 4.x

    print("imported", TFAutoModel.__name__)
except ImportError as error:
    print(f"{type(error).__name__}: {str(error).split(' (')[0]}")
