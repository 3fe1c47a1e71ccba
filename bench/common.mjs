// What the benchmark scripts share: the --reps option and medians.

/** `--reps N` from the command line (default 7); exits 2 on anything else. */
export function repetitionsFromArgs(script, defaultReps = 7) {
  let reps = defaultReps;
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--reps' && Number.isInteger(Number(argv[i + 1])) && Number(argv[i + 1]) > 0) {
      reps = Number(argv[++i]);
    } else {
      console.error(`usage: node bench/${script} [--reps N]`);
      process.exit(2);
    }
  }
  return reps;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
