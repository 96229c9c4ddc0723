import { WORLDS } from '@driftlab/simulator';
import { run } from '../testing';

describe('driftlab world --json', () => {
  it('lists every world with its name, title, task and feature names', async () => {
    const { code, stdout, stderr } = await run('world', 'list', '--json');
    expect([code, stderr]).toEqual([0, '']);
    expect(JSON.parse(stdout)).toEqual(
      Object.values(WORLDS).map((w) => ({
        name: w.name,
        title: w.title,
        task: w.task,
        features: w.features.map((f) => f.name),
      })),
    );
  });

  it('shows one world as one JSON document with the fields its help names', async () => {
    const { code, stdout } = await run('world', 'show', 'credit', '--json');
    expect(code).toBe(0);
    const world = JSON.parse(stdout);
    expect(Object.keys(world)).toEqual([
      'name',
      'title',
      'task',
      'description',
      'target',
      'features',
      'concept',
    ]);
    expect(world).toMatchObject({
      name: 'credit',
      task: 'classification',
      target: { name: expect.any(String) },
    });
    for (const f of world.features)
      expect(Object.keys(f).sort()).toEqual(
        f.kind === 'numeric'
          ? ['decimals', 'description', 'kind', 'max', 'min', 'name', 'unit']
          : ['categories', 'description', 'kind', 'name'],
      );
    for (const p of Object.values(world.concept))
      expect(p).toMatchObject({ default: expect.any(Number), description: expect.any(String) });
    const help = (await run('world', 'show', '--help')).stdout;
    for (const field of ['name', 'title', 'task', 'description', 'target', 'features', 'concept'])
      expect(help).toContain(field);
  });

  it('keeps the text output without --json', async () => {
    expect((await run('world', 'list')).stdout).toMatch(/^credit {7}classification {2}\d+ features {2}/);
  });
});
