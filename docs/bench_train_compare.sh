#!/usr/bin/env bash
# Same-run training-speed comparison (docs/results.md, "Training speed"): DJL bench train variants and PyTorch eager (docs/bench_torch.py).
cd "$(dirname "$0")/.."
python=${TORCH_PYTHON:-/work/torchvenv/bin/python}   # a Python with PyTorch (CPU)
jar=pinnerformer-bench/target/pinnerformer-bench.jar   # mvn -q -B package -DskipTests -pl pinnerformer-bench -am
for round in 1 2; do
  echo "### round $round $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
  echo "-- djl default (PASSIVE, tuned malloc)"; java -jar $jar train --backend djl --threads 2 2>&1 | grep -E "sequences/s|engine|arithmetic|ceiling|share"
  echo "-- djl ompWaitPolicy=default (spinning)"; java -Dpinnerformer.djl.ompWaitPolicy=default -jar $jar train --backend djl --threads 2 2>&1 | grep -E "^sequences/s|ceiling"
  echo "-- djl ompWaitPolicy=default, tuneMalloc=false (glibc defaults)"; java -Dpinnerformer.djl.ompWaitPolicy=default -Dpinnerformer.djl.tuneMalloc=false -jar $jar train --backend djl --threads 2 2>&1 | grep -E "^sequences/s|ceiling"
  echo "-- torch eager"; "$python" docs/bench_torch.py --threads 2 --only train 2>&1 | grep train
  echo "-- torch eager, same malloc thresholds"; MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=268435456 "$python" docs/bench_torch.py --threads 2 --only train 2>&1 | grep train
done
