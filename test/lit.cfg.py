# lit configuration of Kiln's test suites.
import os

import lit.formats

config.name = "Kiln"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".mlir", ".kiln", ".test"]
config.excludes = ["Inputs", "unit", "lit.cfg.py", "lit.site.cfg.py", "CMakeLists.txt"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.kiln_binary_dir, "test")

# Kiln's tools first, then LLVM's FileCheck, not, count and split-file.
path = [config.kiln_tools_dir, config.llvm_tools_dir, config.environment.get("PATH", "")]
config.environment["PATH"] = os.pathsep.join(path)
config.environment["LD_LIBRARY_PATH"] = config.kiln_lib_dir

config.substitutions.append(("%python", config.python))
config.substitutions.append(("%kiln_src", config.kiln_source_dir))
config.substitutions.append(("%kiln_lib", config.kiln_lib_dir))
config.substitutions.append(("%e2e", os.path.join(config.kiln_source_dir, "test", "e2e", "lib")))

# Numerical tests need /usr/bin/python3 with numpy.
if os.path.exists(config.python):
    config.available_features.add("python")

# Host CPU features, for tests that run AVX-512 code.
try:
    with open("/proc/cpuinfo") as f:
        if " avx512f " in f.read():
            config.available_features.add("avx512")
except OSError:
    pass
