export default defineAppConfig({
  pages: ['pages/index/index', 'pages/programs/index', 'pages/me/index'],
  subPackages: [
    {
      // Everything a resident does after choosing a service: kept out of the main package.
      root: 'packages/apply',
      name: 'apply',
      pages: [
        'pages/program/index',
        'pages/profile/index',
        'pages/apply/index',
        'pages/applications/index',
        'pages/application/index',
        'pages/messages/index',
        'pages/certificate/index',
      ],
    },
    {
      // The district staff's screens (login, queue, decisions, statistics): never downloaded by residents.
      root: 'packages/staff',
      name: 'staff',
      pages: [
        'pages/login/index',
        'pages/queue/index',
        'pages/detail/index',
        'pages/stats/index',
        'pages/links/index',
        'pages/funnel/index',
        'pages/assisted/index',
        'pages/assisted-register/index',
        'pages/assisted-resident/index',
        'pages/assisted-apply/index',
        'pages/certificates/index',
        'pages/certificate/index',
        'pages/audit/index',
        'pages/accounts/index',
        'pages/communities/index',
        'pages/catalog/index',
      ],
    },
  ],
  // Fetch the apply package while the resident is still reading the list.
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['apply'] },
    'pages/programs/index': { network: 'all', packages: ['apply'] },
  },
  window: {
    navigationBarTitleText: '民生就业服务',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f5f5',
    backgroundTextStyle: 'light',
  },
  tabBar: {
    color: '#555555',
    selectedColor: '#067a3d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      {
        pagePath: 'pages/programs/index',
        text: '服务',
        iconPath: 'assets/tab/services.png',
        selectedIconPath: 'assets/tab/services-active.png',
      },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-active.png' },
    ],
  },
});
