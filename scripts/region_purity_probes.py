#!/usr/bin/python3
"""Probes of how far MedNIST's region purity (HS AR, K = 25) can go, run with Debian's PyTorch and scikit-learn.

They answer one question of issue 14 (the best deep method's HS AR >= 0.98) before any of it is built into
pacscluster: is there a representation within reach that clusters MedNIST's regions that purely? None of this is
part of the tool; docs/experiment.md ("How far region purity goes") has the figures and the commands.

  contrastive DATASET   SimCLR-style training (two augmented views, NT-Xent) of a small conv encoder on a seeded
                        sample of the train split, then k-means (K = 25) on the whole test split's embedding, raw
                        and L2-normalised; prints HS AR, HS MOD and NMI AR every 10 epochs
  misplaced EXPERIMENT  per image of an experiment's assignments/*.csv: in how many (method, run) sets it sits in a
                        cluster whose majority region is not its own
  selflabel NPZ         SCAN's clustering step (Van Gansbeke et al., ECCV 2020) on a frozen embedding saved by
                        `contrastive --save`: a K = 25 softmax head trained so that each train image and its nearest
                        neighbours in the embedding fall in one cluster (with an entropy term against collapse);
                        prints how often neighbours share a region, and the test split's scores
  ensemble EXPERIMENT   k-means (K = 25) on the concatenated one-hot cluster memberships of several (method, run)
                        sets (a consensus of the runs): HS AR, HS MOD and NMI AR

DATASET is a folder made by `pacscluster ingest ... --size 64` (pixels.bin, index.csv); EXPERIMENT an `experiment`
output folder.
"""
import argparse
import collections
import csv
import glob
import os
import time

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import homogeneity_score, normalized_mutual_info_score


def scores(labels, region, modality):
    return 'HS AR %.3f HS MOD %.3f NMI AR %.3f' % (homogeneity_score(region, labels), homogeneity_score(modality, labels),
                                                   normalized_mutual_info_score(region, labels))


def contrastive(a):
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)
    rows = list(csv.DictReader(open(os.path.join(a.dataset, 'index.csv'))))
    side = int(round((os.path.getsize(os.path.join(a.dataset, 'pixels.bin')) / len(rows)) ** 0.5))
    px = np.fromfile(os.path.join(a.dataset, 'pixels.bin'), dtype=np.uint8).reshape(-1, side, side)
    split = np.array([r['split'] for r in rows])
    region = np.array([r['region'] for r in rows])
    modality = np.array([r['modality'] for r in rows])
    train = rng.choice(np.where(split == 'train')[0], a.train, replace=False)
    test = np.where(split == 'test')[0]
    x_all = torch.tensor(px / 255.0, dtype=torch.float32).unsqueeze(1)

    class Encoder(nn.Module):
        def __init__(self):
            super().__init__()
            self.c1, self.c2 = nn.Conv2d(1, 32, 5, 2, 2), nn.Conv2d(32, 64, 5, 2, 2)
            self.c3 = nn.Conv2d(64, 128, 3, 2, 1)
            self.fc = nn.Linear(128 * (side // 8) ** 2, a.latent)

        def forward(self, x):
            x = F.relu(self.c3(F.relu(self.c2(F.relu(self.c1(x))))))
            return self.fc(x.flatten(1))

    enc = Encoder()
    head = nn.Sequential(nn.ReLU(), nn.Linear(a.latent, 64))
    opt = torch.optim.Adam(list(enc.parameters()) + list(head.parameters()), 1e-3)

    def augment(x):
        n = x.shape[0]
        angle = (torch.rand(n) * 2 - 1) * np.pi * a.rotation / 180
        inv_scale = 1 + (torch.rand(n) * 2 - 1) * a.scale
        if a.crops:  # a random crop of 30-100% of the area, zoomed to the full side
            inv_scale = 1 / torch.sqrt(torch.empty(n).uniform_(0.3, 1.0))
        tx, ty = (torch.rand(n) * 2 - 1) * a.shift, (torch.rand(n) * 2 - 1) * a.shift
        cos, sin = torch.cos(angle) / inv_scale, torch.sin(angle) / inv_scale
        theta = torch.stack([torch.stack([cos, -sin, tx], 1), torch.stack([sin, cos, ty], 1)], 1)
        y = F.grid_sample(x, F.affine_grid(theta, x.shape, align_corners=False), align_corners=False)
        # gain, offset and gamma (window/level differences), drawn either way so that --intensity leaves the other
        # transforms' random numbers as they are
        gain = 1 + (torch.rand(n, 1, 1, 1) * 2 - 1) * 0.2
        offset = (torch.rand(n, 1, 1, 1) * 2 - 1) * 0.1
        gamma = torch.exp((torch.rand(n, 1, 1, 1) * 2 - 1) * 0.3)
        if a.intensity:
            y = (y.clamp(0, 1) ** gamma) * gain + offset
        return y

    def nt_xent(z1, z2):
        z = F.normalize(torch.cat([z1, z2]), dim=1)
        n = z1.shape[0]
        s = z @ z.t() / a.temperature
        s.fill_diagonal_(-1e9)
        return F.cross_entropy(s, torch.cat([torch.arange(n, 2 * n), torch.arange(0, n)]))

    def evaluate(epoch):
        enc.eval()
        with torch.no_grad():
            e = torch.cat([enc(x_all[test[i:i + 1000]]) for i in range(0, len(test), 1000)]).numpy()
        enc.train()
        for name, emb in (('raw', e), ('l2', e / np.linalg.norm(e, axis=1, keepdims=True))):
            labels = KMeans(25, n_init=10, random_state=0).fit(emb).labels_
            print('epoch %d %s: %s' % (epoch, name, scores(labels, region[test], modality[test])), flush=True)

    t0 = time.time()
    for epoch in range(1, a.epochs + 1):
        order = torch.tensor(rng.permutation(train))
        total, batches = 0.0, 0
        for i in range(0, len(order) - a.batch + 1, a.batch):
            x = x_all[order[i:i + a.batch]]
            loss = nt_xent(head(enc(augment(x))), head(enc(augment(x))))
            opt.zero_grad()
            loss.backward()
            opt.step()
            total, batches = total + loss.item(), batches + 1
        print('epoch %d loss %.4f %.0f s' % (epoch, total / batches, time.time() - t0), flush=True)
        if epoch % 10 == 0 or epoch == a.epochs:
            evaluate(epoch)
    if a.save:
        enc.eval()
        with torch.no_grad():
            emb = lambda rows: torch.cat([enc(x_all[rows[i:i + 1000]]) for i in range(0, len(rows), 1000)]).numpy()
            np.savez(a.save, train_rows=train, test_rows=test, train=emb(train), test=emb(test))


def selflabel(a):
    import torch
    import torch.nn.functional as F
    torch.manual_seed(a.seed)
    torch.set_num_threads(a.threads)
    z = np.load(a.npz)
    rows = list(csv.DictReader(open(os.path.join(a.dataset, 'index.csv'))))
    region = np.array([r['region'] for r in rows])
    modality = np.array([r['modality'] for r in rows])
    norm = lambda e: torch.tensor(e / np.linalg.norm(e, axis=1, keepdims=True), dtype=torch.float32)
    train, test = norm(z['train']), norm(z['test'])
    nn_idx = (train @ train.t()).topk(a.neighbours + 1, dim=1).indices[:, 1:]
    same = (region[z['train_rows']][nn_idx.numpy()] == region[z['train_rows']][:, None]).mean()
    print('%d nearest neighbours of a train image that share its region: %.4f' % (a.neighbours, same))
    head = torch.nn.Linear(train.shape[1], 25)
    opt = torch.optim.Adam(head.parameters(), 1e-3)
    n = train.shape[0]
    for epoch in range(1, a.epochs + 1):
        order = torch.randperm(n)
        for i in range(0, n, 256):
            b = order[i:i + 256]
            p = F.softmax(head(train[b]), 1)
            j = nn_idx[b, torch.randint(0, a.neighbours, (len(b),))]
            q = F.softmax(head(train[j]), 1)
            consistency = -torch.log((p * q).sum(1).clamp_min(1e-8)).mean()
            mean = p.mean(0)
            entropy = -(mean * torch.log(mean.clamp_min(1e-8))).sum()
            loss = consistency - a.entropy_weight * entropy
            opt.zero_grad()
            loss.backward()
            opt.step()
        if epoch % 25 == 0 or epoch == a.epochs:
            with torch.no_grad():
                labels = head(test).argmax(1).numpy()
            print('epoch %d consistency %.4f entropy %.3f, test %d clusters used: %s' % (
                epoch, consistency.item(), entropy.item(), len(set(labels)),
                scores(labels, region[z['test_rows']], modality[z['test_rows']])), flush=True)


def assignment_sets(experiment, patterns):
    sets = []
    for p in patterns:
        for f in sorted(glob.glob(os.path.join(experiment, 'assignments', p + '.csv'))):
            sets.append((os.path.basename(f)[:-4], list(csv.DictReader(open(f)))))
    if not sets:
        raise SystemExit('no assignments match ' + ', '.join(patterns))
    ids = [r['id'] for r in sets[0][1]]
    for name, rows in sets:
        if [r['id'] for r in rows] != ids:
            raise SystemExit(name + ' places other images than ' + sets[0][0])
    return sets


def misplaced(a):
    sets = assignment_sets(a.experiment, a.sets)
    count = collections.Counter()
    for name, rows in sets:
        by_cluster = collections.defaultdict(collections.Counter)
        for r in rows:
            by_cluster[r['cluster']][r['region']] += 1
        majority = {c: cnt.most_common(1)[0][0] for c, cnt in by_cluster.items()}
        wrong = [r['id'] for r in rows if majority[r['cluster']] != r['region']]
        count.update(wrong)
        print('%s: %d of %d in a cluster of another region' % (name, len(wrong), len(rows)))
    n = len(sets)
    for k in sorted({n, n - 2, (n + 1) // 2, 1}, reverse=True):
        ids = [i for i, c in count.items() if c >= k]
        by_class = collections.Counter(i.split('/')[0] for i in ids).most_common()
        print('misplaced in at least %d of %d sets: %d %s' % (k, n, len(ids), by_class))


def ensemble(a):
    sets = assignment_sets(a.experiment, a.sets)
    rows = sets[0][1]
    one_hot = []
    for _, rs in sets:
        c = np.array([int(r['cluster']) for r in rs])
        one_hot.append(np.eye(c.max() + 1)[c])
    x = np.hstack(one_hot)
    region, modality = np.array([r['region'] for r in rows]), np.array([r['modality'] for r in rows])
    for seed in range(a.seeds):
        labels = KMeans(25, n_init=10, random_state=seed).fit(x).labels_
        print('%d sets, k-means seed %d: %s' % (len(sets), seed, scores(labels, region, modality)))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest='probe', required=True)
    c = sub.add_parser('contrastive')
    c.add_argument('dataset')
    c.add_argument('--train', type=int, default=6000)
    c.add_argument('--epochs', type=int, default=30)
    c.add_argument('--batch', type=int, default=128)
    c.add_argument('--latent', type=int, default=32)
    c.add_argument('--temperature', type=float, default=0.5)
    c.add_argument('--rotation', type=float, default=15, help='degrees either way')
    c.add_argument('--scale', type=float, default=0.15)
    c.add_argument('--shift', type=float, default=0.15, help='fraction of the half side')
    c.add_argument('--crops', action='store_true')
    c.add_argument('--intensity', action='store_true')
    c.add_argument('--threads', type=int, default=2)
    c.add_argument('--seed', type=int, default=0)
    c.add_argument('--save', help='an .npz file for the final train and test embeddings')
    sl = sub.add_parser('selflabel')
    sl.add_argument('npz')
    sl.add_argument('dataset', help='the dataset the embedding was made from (its index.csv)')
    sl.add_argument('--neighbours', type=int, default=20)
    sl.add_argument('--epochs', type=int, default=100)
    sl.add_argument('--entropy-weight', type=float, default=5.0)
    sl.add_argument('--threads', type=int, default=1)
    sl.add_argument('--seed', type=int, default=0)
    for name in ('misplaced', 'ensemble'):
        s = sub.add_parser(name)
        s.add_argument('experiment')
        s.add_argument('--sets', nargs='+', default=['*'], help='assignment file patterns, e.g. hog-run* cidec-run*')
        if name == 'ensemble':
            s.add_argument('--seeds', type=int, default=2)
    a = p.parse_args()
    {'contrastive': contrastive, 'selflabel': selflabel, 'misplaced': misplaced, 'ensemble': ensemble}[a.probe](a)


if __name__ == '__main__':
    main()
