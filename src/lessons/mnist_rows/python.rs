//! The MNIST lesson's data in Python, for the code panel: torchvision's MNIST as tutorial 01
//! downloads it, cut and scaled as the app cuts and scales its digits.

use std::fmt::Write as _;

use super::MnistOptions;
use crate::data::mnist::{PixelScaling, MEAN, STD};
use crate::ui::code::data::{DataCode, TORCHVISION};
use crate::ui::code::py_float;

/// The shipped MNIST slice's sizes: the first 12,000 training and 2,000 test digits.
const MNIST_TRAIN: usize = 12_000;
const MNIST_TEST: usize = 2_000;

/// Tutorial 01's torchvision MNIST, cut as the app cuts its digits.
pub(super) fn mnist_code(o: &MnistOptions, validation: bool) -> DataCode {
    let train = o.train_limit.unwrap_or(MNIST_TRAIN).min(MNIST_TRAIN);
    let test = o.test_limit.unwrap_or(MNIST_TEST).min(MNIST_TEST);
    let fit = train.saturating_sub(o.validation);
    let mut t = String::new();
    let _ = writeln!(
        t,
        "# The data, as the app uses it: MNIST as tutorial 01 downloads it, the first {train} training"
    );
    let _ = writeln!(
        t,
        "# and {test} test digits (the app's built-in slice), each read as 28 rows of 28 pixels."
    );
    let _ = writeln!(
        t,
        "mnist_train = torchvision.datasets.MNIST(root='./data', train=True, download=True)"
    );
    let _ = writeln!(
        t,
        "mnist_test = torchvision.datasets.MNIST(root='./data', train=False, download=True)"
    );
    let _ = writeln!(t);
    let _ = writeln!(t);
    let _ = writeln!(t, "def rows(images):  # [digits, 28, 28] bytes -> floats");
    match o.scaling {
        PixelScaling::Unit => {
            let _ = writeln!(
                t,
                "    return images.float() / 255  # in [0, 1], as transforms.ToTensor()"
            );
        }
        PixelScaling::Standardized => {
            let _ = writeln!(
                t,
                "    return (images.float() / 255 - {}) / {}  # as ToTensor() then Normalize(({},), ({},))",
                py_float(MEAN),
                py_float(STD),
                py_float(MEAN),
                py_float(STD)
            );
        }
    }
    let _ = writeln!(t);
    let _ = writeln!(t);
    let _ = writeln!(
        t,
        "train_dataset = torch.utils.data.TensorDataset(rows(mnist_train.data[:{fit}]), mnist_train.targets[:{fit}])"
    );
    let _ = writeln!(
        t,
        "test_dataset = torch.utils.data.TensorDataset(rows(mnist_test.data[:{test}]), mnist_test.targets[:{test}])"
    );
    if validation && o.validation > 0 {
        let _ = writeln!(
            t,
            "# validation: the last {} of the {train} training digits",
            o.validation
        );
        let _ = writeln!(
            t,
            "val_dataset = torch.utils.data.TensorDataset(rows(mnist_train.data[{fit}:{train}]), mnist_train.targets[{fit}:{train}])"
        );
    } else if validation {
        let _ = writeln!(
            t,
            "val_dataset = test_dataset  # no validation digits: the app watches the test digits"
        );
    }
    DataCode {
        std_imports: Vec::new(),
        torch_imports: vec![TORCHVISION],
        lists: String::new(),
        tensors: t,
        files: Vec::new(),
        has_test: true,
        validation_held_out: o.validation > 0,
        example_noun: "test digits",
        exact: true,
        reads_own_files: false,
    }
}
