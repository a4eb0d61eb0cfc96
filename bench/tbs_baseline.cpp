// Plain C++ baseline for bench/tbs.bench.ts: the same TS 38.214 §5.1.3.2 procedure as
// src/nr/tbs.ts (range checks, MCS table lookup, exact integer N_info·2^13), compiled with
// g++ -O2 by the bench. Input file: line 1 = 256 pairs "qm rateX2" (8 table variants × 32
// indices, rateX2 = 2·R·1024, 0 = reserved), line 2 = N, then N lines
// "variant mcs nPrb nSymbols dmrs oh layers s4". Prints "ns_per_call <wall> cpu_ns_per_call <cpu> checksum <sum of TBS>".
#include <chrono>
#include <ctime>
#include <cstdint>
#include <cstdio>
#include <vector>

static const uint32_t TBS_TABLE[93] = {
    24,   32,   40,   48,   56,   64,   72,   80,   88,   96,   104,  112,  120,  128,  136,  144,  152,  160,  168,
    176,  184,  192,  208,  224,  240,  256,  272,  288,  304,  320,  336,  352,  368,  384,  408,  432,  456,  480,
    504,  528,  552,  576,  608,  640,  672,  704,  736,  768,  808,  848,  888,  928,  984,  1032, 1064, 1128, 1160,
    1192, 1224, 1256, 1288, 1320, 1352, 1416, 1480, 1544, 1608, 1672, 1736, 1800, 1864, 1928, 2024, 2088, 2152, 2216,
    2280, 2408, 2472, 2536, 2600, 2664, 2728, 2792, 2856, 2976, 3104, 3240, 3368, 3496, 3624, 3752, 3824};

struct Cfg { int variant, mcs, nPrb, nSymbols, dmrs, oh, layers, s4; };

static int qmTab[256], rate2Tab[256], maxIdx[8];

static inline int floorLog2(uint64_t x) { return 63 - __builtin_clzll(x); }
static inline uint64_t ceilDiv(uint64_t a, uint64_t b) { return (a + b - 1) / b; }

static inline int64_t tbs(const Cfg& c) {
  if (c.variant < 0 || c.variant > 7 || c.mcs < 0 || c.mcs > maxIdx[c.variant] || c.nPrb < 1 || c.nPrb > 275 ||
      c.nSymbols < 1 || c.nSymbols > 14 || c.dmrs < 0 || c.oh < 0 || c.layers < 1 || c.layers > 4 ||
      !(c.s4 == 4 || c.s4 == 2 || c.s4 == 1))
    return -1;
  int re = 12 * c.nSymbols - c.dmrs - c.oh;
  if (re <= 0) return -1;
  uint64_t nRe = (uint64_t)(re < 156 ? re : 156) * (uint64_t)c.nPrb;
  int qm = qmTab[c.variant * 32 + c.mcs], r2 = rate2Tab[c.variant * 32 + c.mcs];
  uint64_t p = nRe * (uint64_t)r2 * (uint64_t)qm * (uint64_t)c.layers * (uint64_t)c.s4;  // N_info · 2^13
  if (p <= 3824ull * 8192ull) {
    int n = floorLog2(p) - 19;
    if (n < 3) n = 3;
    uint64_t ni = (p >> (n + 13)) << n;
    if (ni < 24) ni = 24;
    for (int i = 0; i < 93; i++)
      if (TBS_TABLE[i] >= ni) return TBS_TABLE[i];
    return 3824;
  }
  uint64_t q = p - 24ull * 8192ull;
  int n = floorLog2(q) - 18;
  uint64_t ni = ((q + (1ull << (n + 12))) >> (n + 13)) << n;
  if (ni < 3840) ni = 3840;
  uint64_t x = ni + 24;
  if (r2 <= 512) { uint64_t C = ceilDiv(x, 3816); return (int64_t)(8 * C * ceilDiv(x, 8 * C)) - 24; }
  if (ni > 8424) { uint64_t C = ceilDiv(x, 8424); return (int64_t)(8 * C * ceilDiv(x, 8 * C)) - 24; }
  return (int64_t)(8 * ceilDiv(x, 8)) - 24;
}

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  FILE* f = std::fopen(argv[1], "r");
  if (!f) return 2;
  for (int v = 0; v < 8; v++) maxIdx[v] = -1;
  for (int i = 0; i < 256; i++) {
    if (std::fscanf(f, "%d %d", &qmTab[i], &rate2Tab[i]) != 2) return 2;
    if (rate2Tab[i] > 0) maxIdx[i / 32] = i % 32;
  }
  int n = 0;
  if (std::fscanf(f, "%d", &n) != 1) return 2;
  std::vector<Cfg> cfgs(n);
  for (auto& c : cfgs)
    if (std::fscanf(f, "%d %d %d %d %d %d %d %d", &c.variant, &c.mcs, &c.nPrb, &c.nSymbols, &c.dmrs, &c.oh, &c.layers, &c.s4) != 8) return 2;
  std::fclose(f);
  int64_t checksum = 0;
  for (auto& c : cfgs) checksum += tbs(c);
  const long iters = 20'000'000;
  double best = 1e30, bestCpu = 1e30;
  volatile int64_t sink = 0;
  for (int round = 0; round < 7; round++) {
    int64_t acc = 0;
    timespec c0, c1;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
    auto t0 = std::chrono::steady_clock::now();
    for (long i = 0; i < iters; i++) acc += tbs(cfgs[i & (n - 1)]);
    auto t1 = std::chrono::steady_clock::now();
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
    sink = sink + acc;
    double ns = std::chrono::duration<double, std::nano>(t1 - t0).count() / iters;
    double cpu = ((c1.tv_sec - c0.tv_sec) * 1e9 + (c1.tv_nsec - c0.tv_nsec)) / iters;
    if (ns < best) best = ns;
    if (cpu < bestCpu) bestCpu = cpu;
  }
  std::printf("ns_per_call %.3f cpu_ns_per_call %.3f checksum %lld\n", best, bestCpu, (long long)checksum);
  return 0;
}
