// The aggregated-API gateway lands with its own issue; until then the demo command says so.
process.stderr.write(
  'interlingua demo: the gateway is not built yet (it arrives with the apps/demo issue).\n' +
    'The libraries are ready to use: see README.md for the packages and `npm test` for the suite.\n',
);
