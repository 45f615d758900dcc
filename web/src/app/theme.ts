import type { ThemeConfig } from 'antd';

/** 政务蓝 with a restrained seal red for the brand mark only. */
export const brand = {
  primary: '#1d4e89',
  seal: '#b3261e',
  siderBg: '#0f2742',
  siderItemSelected: '#1d4e89',
};

export const theme: ThemeConfig = {
  token: {
    colorPrimary: brand.primary,
    colorLink: '#1d5aa6',
    // The palette antd derives from a deep blue is greyish; selection and tint colours are set by hand.
    colorPrimaryBg: '#e6eef8',
    colorPrimaryBgHover: '#d6e4f4',
    controlItemBgActive: '#e1ebf7',
    controlItemBgActiveHover: '#d3e2f3',
    controlItemBgHover: '#f0f4fa',
    borderRadius: 4,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Helvetica Neue", Arial, sans-serif',
    colorBgLayout: '#f0f2f5',
  },
  components: {
    Layout: {
      siderBg: brand.siderBg,
      headerBg: '#ffffff',
      headerHeight: 56,
      headerPadding: '0 24px',
      triggerBg: '#0b1f35',
    },
    Menu: {
      darkItemBg: brand.siderBg,
      darkSubMenuItemBg: '#0b1f35',
      darkItemSelectedBg: brand.siderItemSelected,
      itemHeight: 44,
    },
    Table: { headerBg: '#f5f7fa' },
    Tree: { nodeSelectedBg: '#dce8f6', nodeHoverBg: '#eef3fa' },
  },
};
