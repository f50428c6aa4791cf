# The burst study's SmallCNN in PyTorch (docs/burst.md), shared by the bench/nn anchor scripts.
from torch import nn


def block(cin, cout, pool):
    layers = [nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU()]
    return layers + [nn.MaxPool2d(2) if pool else nn.AdaptiveAvgPool2d((1, 1))]


class SmallCNN(nn.Module):
    def __init__(self, dropout):
        super().__init__()
        self.features = nn.Sequential(*block(1, 16, True), *block(16, 32, True), *block(32, 64, False))
        self.head = nn.Sequential(nn.Flatten(), nn.Dropout(dropout), nn.Linear(64, 3))

    def forward(self, x):
        return self.head(self.features(x))
